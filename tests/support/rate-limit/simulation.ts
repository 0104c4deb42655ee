// For the rate limiters' reference tests: a reference's nodes (their logic, without gRPC)
// over a seeded, simulated network on a virtual clock: clients on a saturated key, a steady
// key and bursts, each request to a random node, answers that may be lost (the client retries
// the same id at the same node), Forward calls with delays, a partition that silences the
// links between one node and the others, kills and restarts (memory lost, the judge
// configures the node again), a restarted node's clock set off by a constant. What comes out
// is a run the checks read, on the judge's (virtual) clock.
import type { Check } from "../../../harness/problem.ts";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { ConfigureCall, RateRecord } from "../../../harness/rate-limit/configure.ts";
import type { AllowOp } from "../../../harness/rate-limit/operation.ts";

/** A reference node's logic as the simulation drives it. */
export interface SimNode {
  configure(req: never): void;
  allow(req: { key: string; request_id: string }): Promise<boolean>;
  /** A peer's Forward. */
  forwarded(req: { key: string; request_id: string; from: string }): boolean;
}

/** The node's peers: the decision of the node asked, or null when it did not answer. */
export interface SimPeers {
  forward(
    node: string,
    req: { key: string; request_id: string; from: string },
  ): Promise<boolean | null>;
}

/** A new node (a start or a restart): its id, every node's id, its peers, its clock (ms). */
export type SimNodeFactory = (
  id: string,
  nodes: readonly string[],
  peers: SimPeers,
  now: () => number,
) => SimNode;

export const NODES = ["node-0", "node-1", "node-2"];
const FORWARD_TIMEOUT_MS = 250;
const CALL_DEADLINE_MS = 2000;
const RETRY_PAUSE_MS = 100;
const OP_BUDGET_MS = 4500;

export interface SimFaults {
  /** One node cut off from the others over [fromMs, toMs]. */
  partition?: { node: string; fromMs: number; toMs: number };
  /** Nodes killed at killMs and started at startMs with their clock skewMs off. */
  restart?: { nodes: string[]; killMs: number; startMs: number; skewMs: number };
  /** The chance an answer to the client is lost. */
  loseAnswer: number;
}

export interface SimSpec<Limit> {
  seed: number;
  limit: Limit;
  durationMs: number;
  saturatingClients: number;
  /** Steady clients on each of `keys` (default: the one key "steady"). */
  steady: { clients: number; thinkMs: [number, number]; keys?: string[] };
  bursts: { atMs: number; requests: number }[];
  faults: SimFaults;
}

export interface SimProblem<Limit> {
  slug: string;
  node: SimNodeFactory;
  /** The Configure request the judge sends elapsedMs after time 0. */
  configureRequest(limit: Limit, elapsedMs: number): object;
}

class Clock {
  now = 0;
  private seq = 0;
  private readonly queue: { at: number; seq: number; fn: () => void }[] = [];

  at(at: number, fn: () => void): void {
    const item = { at: Math.max(at, this.now), seq: this.seq++, fn };
    let i = this.queue.length;
    while (i > 0) {
      const prev = this.queue[i - 1] as (typeof this.queue)[number];
      if (prev.at < item.at || (prev.at === item.at && prev.seq < item.seq)) break;
      i--;
    }
    this.queue.splice(i, 0, item);
  }

  /** Runs the events in time order; the reference's promises settle between them. */
  async run(untilMs: number): Promise<void> {
    while (this.queue.length && (this.queue[0]?.at ?? Infinity) <= untilMs) {
      const item = this.queue.shift() as (typeof this.queue)[number];
      this.now = item.at;
      item.fn();
      for (let i = 0; i < 8; i++) await Promise.resolve();
    }
    this.now = untilMs;
  }
}

export async function simulate<Limit>(
  problem: SimProblem<Limit>,
  spec: SimSpec<Limit>,
): Promise<RunRecord<AllowOp>> {
  const clock = new Clock();
  const rng = seededRandom(spec.seed);
  const delay = (r: Random) => 0.2 + r.next() * 3;
  const nodes = new Map<string, SimNode | null>();
  const skews = new Map<string, number>(NODES.map((n) => [n, rng.int(0, 1e6)]));
  const { partition, restart } = spec.faults;
  const cut = (a: string, b: string) =>
    partition !== undefined &&
    clock.now >= partition.fromMs &&
    clock.now < partition.toMs &&
    (a === partition.node) !== (b === partition.node);

  const start = (id: string) => {
    const node = problem.node(
      id,
      NODES,
      {
        forward: (home, req) =>
          new Promise((resolve) => {
            if (cut(id, home)) return clock.at(clock.now + FORWARD_TIMEOUT_MS, () => resolve(null));
            clock.at(clock.now + delay(rng), () => {
              const target = nodes.get(home);
              if (!target || cut(id, home)) {
                clock.at(clock.now + FORWARD_TIMEOUT_MS, () => resolve(null));
                return;
              }
              const allowed = target.forwarded(req);
              clock.at(clock.now + delay(rng), () => resolve(cut(id, home) ? null : allowed));
            });
          }),
      },
      () => clock.now + (skews.get(id) ?? 0),
    );
    nodes.set(id, node);
  };

  // The judge's configuration: time 0 now, each node answers after a network delay.
  const epochMs = 0;
  const configures: ConfigureCall[] = [];
  const configure = (id: string, starts: number) => {
    const call: ConfigureCall = { node: id, starts, attempts: [], answeredMs: null };
    configures.push(call);
    const sentMs = clock.now;
    const elapsedMs = Math.floor(sentMs - epochMs);
    clock.at(sentMs + delay(rng), () => {
      nodes.get(id)?.configure(problem.configureRequest(spec.limit, elapsedMs) as never);
      clock.at(clock.now + delay(rng), () => {
        call.attempts.push({
          node: id,
          startMs: sentMs,
          endMs: clock.now,
          result: "ok",
          elapsedMs,
        });
        call.answeredMs = clock.now;
      });
    });
  };
  for (const id of NODES) {
    start(id);
    configure(id, 1);
  }
  const faults: FaultWindow[] = [];
  if (partition)
    faults.push({ startMs: partition.fromMs, endMs: partition.toMs, description: "partition" });
  if (restart) {
    faults.push({
      startMs: restart.killMs,
      endMs: restart.startMs,
      description: "restart",
      stopped: restart.nodes,
    });
    clock.at(restart.killMs, () => {
      for (const id of restart.nodes) nodes.set(id, null);
    });
    clock.at(restart.startMs, () => {
      for (const id of restart.nodes) {
        skews.set(id, (skews.get(id) ?? 0) + restart.skewMs);
        start(id);
      }
    });
    // The judge sees the new start on its next look at the agents, then configures.
    clock.at(restart.startMs + 50 + rng.int(0, 100), () => {
      for (const id of restart.nodes) configure(id, 2);
    });
  }

  const history: AllowOp[] = [];
  let opId = 0;
  /** One operation, retried at the same node with the same id until answered or out of budget. */
  const runOp = (op: AllowOp, node: string, done: () => void) => {
    const attempt = () => {
      const sentMs = clock.now;
      const target = nodes.get(node);
      const fail = (result: string, atMs: number) =>
        clock.at(atMs, () => {
          op.attempts.push({ node, startMs: sentMs, endMs: clock.now, result });
          if (clock.now - op.startMs + RETRY_PAUSE_MS < OP_BUDGET_MS)
            clock.at(clock.now + RETRY_PAUSE_MS, attempt);
          else done();
        });
      if (!target) return fail("unavailable", sentMs + 1);
      clock.at(sentMs + delay(rng), () => {
        const live = nodes.get(node);
        if (live !== target) return fail("unavailable", clock.now + 1);
        void target
          .allow({ key: op.key, request_id: `${op.client}-${op.sequence}` })
          .then((allowed) => {
            if (rng.next() < spec.faults.loseAnswer)
              return fail("deadline", sentMs + CALL_DEADLINE_MS);
            clock.at(clock.now + delay(rng), () => {
              if (nodes.get(node) !== target) return fail("unavailable", clock.now);
              op.attempts.push({ node, startMs: sentMs, endMs: clock.now, result: "ok" });
              op.outcome = "ok";
              op.endMs = clock.now;
              op.output = allowed;
              done();
            });
          });
      });
    };
    attempt();
  };
  const newOp = (client: string, sequence: number, key: string, steady: boolean): AllowOp => {
    const op: AllowOp = {
      id: ++opId,
      client,
      sequence,
      f: "allow",
      key,
      ...(steady && { steady: true }),
      outcome: "info",
      startMs: clock.now,
      endMs: null,
      attempts: [],
    };
    history.push(op);
    return op;
  };
  const streamClient = (client: string, key: string, think: [number, number], steady: boolean) => {
    const r = rng.fork(client);
    let seq = 0;
    const next = () => {
      if (clock.now >= spec.durationMs) return;
      const op = newOp(client, ++seq, key, steady);
      runOp(op, r.pick(NODES), () => clock.at(clock.now + r.int(think[0], think[1]), next));
    };
    clock.at(r.int(0, 20), next);
  };
  for (let i = 0; i < spec.saturatingClients; i++) streamClient(`hot${i}`, "hot", [0, 10], false);
  for (const key of spec.steady.keys ?? ["steady"])
    for (let i = 0; i < spec.steady.clients; i++)
      streamClient(`${key}-steady${i}`, key, spec.steady.thinkMs, true);
  spec.bursts.forEach((b, i) =>
    clock.at(b.atMs, () => {
      for (let j = 0; j < b.requests; j++)
        runOp(newOp(`b${i}r${j}`, 1, "burst", false), NODES[j % NODES.length] as string, () => {});
    }),
  );
  await clock.run(spec.durationMs + OP_BUDGET_MS + 1000);

  const record: RateRecord = { limit: spec.limit, epochMs, configures };
  return {
    problem: problem.slug,
    scenario: "simulated",
    seed: spec.seed,
    originMs: 0,
    endMs: clock.now,
    nodes: NODES,
    history: history.sort((a, b) => a.startMs - b.startMs),
    finalReads: [],
    finalReadBudgetMs: 0,
    messages: [],
    messagesDropped: 0,
    faults,
    roleLosses: [],
    idleWindows: [],
    timeline: [],
    limitHits: [],
    problemRecord: record,
  };
}

/** The reasons ("property: message") of the checks one simulated run violates. */
export async function simulatedViolations<Limit>(
  problem: SimProblem<Limit>,
  spec: SimSpec<Limit>,
  checks: readonly Check<AllowOp>[],
): Promise<string[]> {
  const run = await simulate(problem, spec);
  return checks
    .map((c) => c.run(run, { searchTimeoutMs: 1000 }))
    .filter((r) => r.status === "violated")
    .map((r) => `${r.property}: ${r.message}`);
}
