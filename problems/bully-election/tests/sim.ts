// A seeded simulated cluster for the reference's logic: five BullyNodes over a network with
// per-call latency, kills, restarts (a node listens only after a start-up delay),
// partitions (blackholed calls) and a heal, driven by a scenario plan's faults; polls at
// random nodes like the judge's clients. It records what the agents would: every call with
// its times, status and fault, and the fault windows, so the real checks read the run.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { FaultWindow, RunRecord, TimelineEntry } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import type { PollOp } from "../client.ts";
import type { PeerRequest, Timers, Transport } from "../reference/typescript/bully-node.ts";
import { ELECTION_ANSWER_MS, HEARTBEAT_MS } from "../reference/typescript/timing.ts";

export interface NodeLogic {
  start(): void;
  coordinator(): number | null;
  onElection(sender: number): void;
  onCoordinator(sender: number): void;
  onHeartbeat(sender: number): void;
  /** Whether the node answers this sender's Election at all (absent: always). */
  answersElection?(sender: number): boolean;
}

export type NodeFactory = (
  id: number,
  peers: readonly number[],
  transport: Transport,
  timers: Timers,
) => NodeLogic;

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const SERVICE = "/bully.BullyNode";
const CANCELLED = 1;
const UNAVAILABLE = 14;

interface Slot {
  logic: NodeLogic | null;
  /** Bumped at every kill and start: an older incarnation's timers and answers are void. */
  incarnation: number;
  listening: boolean;
}

class Simulation {
  now = 0;
  private seq = 0;
  private readonly queue: { at: number; seq: number; fn: () => void }[] = [];
  readonly slots: Slot[] = NODES.map(() => ({ logic: null, incarnation: 0, listening: false }));
  readonly messages: MessageRecord[] = [];
  readonly faults: FaultWindow[] = [];
  readonly timeline: TimelineEntry[] = [];
  private blocked = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly factory: NodeFactory,
  ) {}

  at(at: number, fn: () => void): void {
    this.queue.push({ at, seq: this.seq++, fn });
  }

  runUntil(endMs: number): void {
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue[0];
      if (!next || next.at > endMs) break;
      this.queue.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = endMs;
  }

  private latency(): number {
    return this.random.int(1, 12);
  }

  /** Starts node i now; it listens and elects after a start-up delay. */
  start(i: number, bootMs: number): void {
    const slot = this.slots[i] as Slot;
    const incarnation = ++slot.incarnation;
    slot.listening = false;
    const timers: Timers = {
      now: () => this.now,
      after: (ms, fn) => {
        let live = true;
        this.at(this.now + ms, () => {
          if (live && slot.incarnation === incarnation) fn();
        });
        return () => {
          live = false;
        };
      },
    };
    const peers = NODES.map((_, j) => j).filter((j) => j !== i);
    slot.logic = this.factory(i, peers, this.transport(i, incarnation), timers);
    this.at(this.now + bootMs, () => {
      if (slot.incarnation !== incarnation) return;
      slot.listening = true;
      slot.logic?.start();
    });
  }

  kill(i: number): void {
    const slot = this.slots[i] as Slot;
    slot.incarnation++;
    slot.logic = null;
    slot.listening = false;
  }

  cut(groups: number[][]): void {
    for (const a of NODES.keys())
      for (const b of NODES.keys())
        if (a !== b && !groups.some((g) => g.includes(a) && g.includes(b)))
          this.blocked.add(`${a}>${b}`);
  }

  heal(): void {
    this.blocked.clear();
  }

  /**
   * One call from `from` to `to`, as its agent records it. `deliver` runs at the callee;
   * `done(ok)` at the caller when it hears the answer or its deadline passes.
   */
  private call(
    from: number,
    fromIncarnation: number,
    to: number,
    method: string,
    request: Record<string, unknown>,
    deadlineMs: number,
    deliver: (logic: NodeLogic) => void,
    done: (ok: boolean) => void,
  ): void {
    const sentAt = this.now;
    const callerAlive = () => (this.slots[from] as Slot).incarnation === fromIncarnation;
    const hear = (at: number, ok: boolean) =>
      this.at(Math.min(at, sentAt + deadlineMs), () => {
        if (callerAlive()) done(ok && at <= sentAt + deadlineMs);
      });
    const m: MessageRecord = {
      seq: this.messages.length,
      from: NODES[from] as string,
      to: NODES[to] as string,
      method: `${SERVICE}/${method}`,
      startMs: sentAt + 1,
      endMs: null,
      requestBytes: 8,
      responseBytes: 0,
      status: null,
      request,
    };
    this.messages.push(m);
    if (this.blocked.has(`${from}>${to}`)) {
      m.fault = "blackhole";
      m.endMs = sentAt + deadlineMs;
      m.status = CANCELLED;
      hear(sentAt + deadlineMs, false);
      return;
    }
    const callee = this.slots[to] as Slot;
    const arrive = sentAt + this.latency();
    this.at(arrive, () => {
      if (!callee.listening || !callee.logic) {
        m.endMs = arrive;
        m.status = UNAVAILABLE;
        hear(arrive + this.latency(), false);
        return;
      }
      deliver(callee.logic);
      if (
        method === "Election" &&
        callee.logic.answersElection?.(Number(request["sender"])) === false
      ) {
        // No answer: the caller's deadline cancels the call.
        m.endMs = sentAt + deadlineMs;
        m.status = CANCELLED;
        hear(sentAt + deadlineMs, false);
        return;
      }
      m.endMs = arrive;
      m.status = 0;
      hear(arrive + this.latency(), true);
    });
  }

  private transport(i: number, incarnation: number): Transport {
    const req = (r: PeerRequest) => ({ sender: r.sender, election: r.election });
    return {
      election: (to, r: PeerRequest, done) =>
        this.call(
          i,
          incarnation,
          to,
          "Election",
          req(r),
          ELECTION_ANSWER_MS,
          (n) => n.onElection(r.sender),
          done,
        ),
      coordinator: (to, r: PeerRequest) =>
        this.call(
          i,
          incarnation,
          to,
          "Coordinator",
          req(r),
          500,
          (n) => n.onCoordinator(r.sender),
          () => {},
        ),
      heartbeat: (to, sender) =>
        this.call(
          i,
          incarnation,
          to,
          "Heartbeat",
          { sender },
          HEARTBEAT_MS,
          (n) => n.onHeartbeat(sender),
          () => {},
        ),
    };
  }
}

const indexOf = (node: string): number => NODES.indexOf(node);

/** Runs a scenario plan over the simulated cluster and returns what the judge would record. */
export function simulate(
  plan: ScenarioPlan,
  factory: NodeFactory,
  seed: number,
): RunRecord<PollOp> {
  const random = seededRandom(seed).fork("sim");
  const sim = new Simulation(random.fork("net"), factory);
  const boot = () => random.int(50, 1200);
  // The harness starts every node, waits until they run, then begins: the origin.
  for (const i of NODES.keys()) sim.start(i, boot());
  const originMs = 300;
  sim.runUntil(originMs);
  const open = new Map<string, FaultWindow>();
  const begin = (key: string, description: string, stopped?: string[]) => {
    const w: FaultWindow = {
      startMs: sim.now,
      endMs: null,
      description,
      ...(stopped ? { stopped } : {}),
    };
    sim.faults.push(w);
    open.set(key, w);
    sim.timeline.push({ atMs: sim.now, event: "begin", description });
  };
  const end = (key: string, description: string) => {
    const w = open.get(key);
    if (w) w.endMs = sim.now;
    open.delete(key);
    sim.timeline.push({ atMs: sim.now, event: "end", description });
  };
  const heal = () => {
    for (const key of [...open.keys()]) {
      if (key !== "links") sim.start(indexOf(key), boot());
      end(key, "healed");
    }
    sim.heal();
  };
  for (const { atMs, action } of plan.faults) {
    sim.at(originMs + atMs, () => {
      if (action.kind === "kill") {
        sim.kill(indexOf(action.node));
        begin(action.node, `killed ${action.node}`, [action.node]);
      } else if (action.kind === "start") {
        sim.start(indexOf(action.node), boot());
        end(action.node, `restarted ${action.node}`);
      } else if (action.kind === "partition") {
        const named = action.groups.flat().filter((n) => n !== "others");
        const groups = action.groups.map((g) =>
          g.includes("others")
            ? NODES.filter((n) => !named.includes(n)).map(indexOf)
            : g.map(indexOf),
        );
        sim.cut(groups);
        begin("links", `partition ${JSON.stringify(action.groups)}`);
      } else if (action.kind === "heal") heal();
      else throw new Error(`the simulation has no ${action.kind}`);
    });
  }
  // The clients: polls at random nodes, 20 to 40 ms apart in all (three clients).
  const history: PollOp[] = [];
  const poll = (node: number, client: string): PollOp | null => {
    const slot = sim.slots[node] as Slot;
    if (!slot.listening || !slot.logic) return null;
    const t = sim.now;
    const op: PollOp = {
      id: history.length,
      client,
      f: "coordinator",
      output: slot.logic.coordinator(),
      outcome: "ok",
      startMs: t - random.int(0, 3),
      endMs: t + random.int(0, 3),
      attempts: [],
    };
    op.attempts.push({
      node: NODES[node] as string,
      startMs: op.startMs,
      endMs: op.endMs as number,
      result: "ok",
    });
    history.push(op);
    return op;
  };
  const workloadEnd = originMs + plan.workloadMs;
  for (let t = originMs; t < workloadEnd; t += random.int(20, 40))
    sim.at(t, () => void poll(random.int(0, NODES.length - 1), "c0"));
  sim.runUntil(workloadEnd);
  heal();
  sim.runUntil(workloadEnd + plan.recoveryMs);
  const finalReads = NODES.map((_, i) => poll(i, "final")).filter(
    (op): op is PollOp => op !== null,
  );
  return runRecord({
    problem: "bully-election",
    scenario: plan.name,
    seed,
    originMs,
    endMs: sim.now + 100,
    nodes: NODES,
    history,
    finalReads,
    messages: sim.messages.sort((a, b) => a.startMs - b.startMs),
    faults: sim.faults,
    timeline: sim.timeline,
  });
}
