// A seeded, in-process simulation of five sharded-kv nodes for the problems' reference tests:
// virtual time, a network that delays, drops, loses answers and cuts links, crashes (the
// node's saved state survives) and pauses, the judge's memberships and view reads, clients,
// and the final reads: the same record the judge makes, for the same checks.
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import type { ReadView, ShardRecord } from "../../../harness/sharded-kv/record.ts";

/** The reference node as the simulation drives it (the statement's RPCs, in-process). */
export interface SimNode {
  resumeTransfers(): void;
  setMembership(req: { epoch: number; members: string[] }): number;
  owners(keys: readonly string[]): { epoch: number; owners: string[] };
  put(req: { key: string; value: string }): Promise<object>;
  get(req: { key: string }): Promise<{ found: boolean; value: string }>;
}

/** What a node calls on its peers: the reference's Transport is built on it. */
export interface PeerCalls {
  /** Runs `method` with `req` at `to`, as that node's peer RPC. */
  call(
    to: string,
    method: "forwardPut" | "forwardGet" | "transferIn",
    req: unknown,
  ): Promise<unknown>;
  sleep(ms: number): Promise<void>;
}

export interface SimSchedule {
  memberships: { atMs: number; members: string[] }[];
  faults: (
    | { kind: "crash"; node: string; atMs: number; forMs: number }
    | { kind: "pause"; node: string; atMs: number; forMs: number }
    | { kind: "cut"; from: string; to: string; atMs: number; forMs: number }
    | { kind: "flaky"; atMs: number; forMs: number }
  )[];
  workloadMs: number;
}

export interface SimResult {
  /** The forwarded calls, as an agent records them. */
  messages: MessageRecord[];
  history: ShardOp[];
  finalReads: ShardOp[];
  record: ShardRecord;
}

export const SIM_NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const CALL_DEADLINE_MS = 60;
const CLIENT_BUDGET_MS = 800;

class Clock {
  now = 0;
  private events: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  at(at: number, fn: () => void): void {
    this.events.push({ at: Math.max(at, this.now), seq: this.seq++, fn });
  }
  sleep = (ms: number): Promise<void> => new Promise((resolve) => this.at(this.now + ms, resolve));
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      let next = -1;
      this.events.forEach((e, i) => {
        const best = this.events[next];
        if (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq)) next = i;
      });
      const event = this.events[next];
      if (!event || event.at > until) {
        this.now = until;
        return;
      }
      this.events.splice(next, 1);
      this.now = event.at;
      event.fn();
    }
  }
}

/**
 * Runs a schedule. `makeNode(id, state, peers)` builds a node over `state` (its DATA_DIR,
 * kept across crashes); the simulation calls resumeTransfers after every start.
 */
export async function simulate(
  seed: number,
  schedule: SimSchedule,
  keys: readonly string[],
  probeKeys: readonly string[],
  makeNode: (id: string, saved: { state?: unknown }, peers: PeerCalls) => SimNode,
): Promise<SimResult> {
  const random: Random = seededRandom(seed);
  const clock = new Clock();
  const saved = new Map(SIM_NODES.map((n) => [n, {} as { state?: unknown }]));
  const nodes = new Map<string, SimNode>();
  const generation = new Map(SIM_NODES.map((n) => [n, 0]));
  const during = (kind: string, node: string, at: number) =>
    schedule.faults.some(
      (f) =>
        f.kind === kind && "node" in f && f.node === node && at >= f.atMs && at < f.atMs + f.forMs,
    );
  const pausedUntil = (node: string, at: number): number => {
    const f = schedule.faults.find(
      (f) => f.kind === "pause" && f.node === node && at >= f.atMs && at < f.atMs + f.forMs,
    );
    return f ? f.atMs + f.forMs : at;
  };
  const cut = (from: string, to: string, at: number) =>
    schedule.faults.some(
      (f) =>
        f.kind === "cut" && f.from === from && f.to === to && at >= f.atMs && at < f.atMs + f.forMs,
    );
  const flaky = (at: number) =>
    schedule.faults.some((f) => f.kind === "flaky" && at >= f.atMs && at < f.atMs + f.forMs);

  /** One call from `from` (a node or "client") to `to`, with the network's faults. */
  function deliver<T>(
    from: string,
    to: string,
    run: (node: SimNode) => T | Promise<T>,
  ): Promise<T> {
    const sent = clock.now;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      clock.at(sent + CALL_DEADLINE_MS, () => finish(() => reject(new Error("deadline"))));
      const peer = from !== "client";
      if ((peer && cut(from, to, sent)) || (peer && flaky(sent) && random.next() < 0.1)) return;
      const arrive = pausedUntil(to, sent + random.int(1, 4));
      clock.at(arrive, () => {
        const node = nodes.get(to);
        if (!node || during("crash", to, clock.now)) return;
        void Promise.resolve()
          .then(() => run(node))
          .then(
            (res) => {
              const lost = peer && flaky(clock.now) && random.next() < 0.1;
              if (!lost) clock.at(clock.now + random.int(1, 4), () => finish(() => resolve(res)));
            },
            (err: unknown) => clock.at(clock.now + 1, () => finish(() => reject(err))),
          );
      });
    });
  }

  const messages: MessageRecord[] = [];
  const FORWARD_METHODS: Record<string, string> = {
    forwardPut: "/sim.ShardNode/ForwardPut",
    forwardGet: "/sim.ShardNode/ForwardGet",
  };

  function start(id: string): void {
    const gen = (generation.get(id) ?? 0) + 1;
    generation.set(id, gen);
    const alive = () => generation.get(id) === gen && !during("crash", id, clock.now);
    const peers: PeerCalls = {
      call: (to, method, req) => {
        const forwarded = FORWARD_METHODS[method];
        if (forwarded && alive())
          messages.push({
            seq: messages.length,
            from: id,
            to,
            method: forwarded,
            startMs: clock.now,
            endMs: null,
            requestBytes: 0,
            responseBytes: 0,
            status: null,
            request: req as Record<string, unknown>,
          });
        return alive()
          ? deliver(id, to, (n) =>
              (n as unknown as Record<string, (r: unknown) => unknown>)[method]?.call(n, req),
            )
          : Promise.reject(new Error("crashed"));
      },
      // A crashed instance's timers never fire; a paused node's fire after it resumes.
      sleep: (ms) =>
        alive() ? clock.sleep(pausedUntil(id, clock.now + ms) - clock.now) : new Promise(() => {}),
    };
    const node = makeNode(id, saved.get(id) as { state?: unknown }, peers);
    nodes.set(id, node);
    node.resumeTransfers();
  }
  for (const id of SIM_NODES) start(id);
  for (const f of schedule.faults)
    if (f.kind === "crash") clock.at(f.atMs + f.forMs, () => start(f.node));

  const record: ShardRecord = {
    declaredVnodes: {},
    memberships: [],
    views: [],
    sampleKeys: [...probeKeys],
  };
  const readViews = async (final: boolean) => {
    const views = await Promise.all(
      SIM_NODES.map((id) =>
        deliver("client", id, (n) => n.owners(probeKeys)).then(
          (r): ReadView => ({
            node: id,
            atMs: clock.now,
            epoch: r.epoch,
            final,
            owners: Object.fromEntries(probeKeys.map((k, i) => [k, r.owners[i] ?? ""])),
          }),
          () => null,
        ),
      ),
    );
    record.views.push(...views.filter((v): v is ReadView => v !== null));
  };
  const install = (members: string[]) => {
    const sent = {
      epoch: record.memberships.length + 1,
      members,
      sentMs: clock.now,
      answeredMs: {} as Record<string, number>,
    };
    record.memberships.push(sent);
    for (const id of SIM_NODES)
      void (async () => {
        while (record.memberships.at(-1) === sent) {
          const epoch = await deliver("client", id, (n) =>
            n.setMembership({ epoch: sent.epoch, members }),
          ).catch(() => 0);
          if (epoch >= sent.epoch) return void (sent.answeredMs[id] ??= clock.now);
          await clock.sleep(20);
        }
      })();
  };
  for (const m of schedule.memberships)
    clock.at(m.atMs, () => {
      install(m.members);
      clock.at(clock.now + 100, () => void readViews(false));
    });

  let opId = 0;
  const history: ShardOp[] = [];
  const runOp = async (
    client: string,
    f: "put" | "get",
    key: string,
    node: string,
  ): Promise<ShardOp> => {
    const op: ShardOp = {
      id: opId++,
      client,
      f,
      key,
      outcome: "info",
      startMs: clock.now,
      endMs: null,
      attempts: [],
    };
    if (f === "put") op.value = `${client}-${op.id}`;
    history.push(op);
    while (clock.now - op.startMs < CLIENT_BUDGET_MS) {
      try {
        const res = await deliver("client", node, (n) =>
          f === "put" ? n.put({ key, value: op.value as string }) : n.get({ key }),
        );
        if (f === "get")
          op.output = (res as { found: boolean }).found ? (res as { value: string }).value : null;
        op.outcome = "ok";
        op.endMs = clock.now;
        return op;
      } catch {
        await clock.sleep(10);
      }
    }
    return op;
  };
  const firstAt = (schedule.memberships[0]?.atMs ?? 0) + 150;
  for (let c = 0; c < 3; c++) {
    const rng = random.fork(`client-${c}`);
    clock.at(firstAt, () => {
      void (async () => {
        while (clock.now < schedule.workloadMs) {
          await runOp(
            `c${c}`,
            rng.next() < 0.5 ? "put" : "get",
            rng.pick(keys),
            rng.pick(SIM_NODES),
          );
          await clock.sleep(rng.int(2, 15));
        }
      })();
    });
  }
  const lastFault = Math.max(0, ...schedule.faults.map((f) => f.atMs + f.forMs));
  const settled = Math.max(schedule.workloadMs, lastFault) + CLIENT_BUDGET_MS + 1000;
  await clock.runUntil(settled);
  const finals: ShardOp[] = [];
  void readViews(true).then(() =>
    keys.forEach(
      (key, i) =>
        void runOp("final", "get", key, SIM_NODES[i % SIM_NODES.length] as string).then((op) =>
          finals.push(op),
        ),
    ),
  );
  await clock.runUntil(settled + CLIENT_BUDGET_MS + 500);
  return { messages, history, finalReads: finals, record };
}
