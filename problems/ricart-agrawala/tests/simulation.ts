// The reference's logic (mutex-node.ts) on a seeded simulated network, in simulated time:
// three nodes, one pinned client each (acquire, hold, release, think), and peer calls that
// are delayed, dropped (resent after the sender's 500 ms wait) or delivered with their
// answer lost (resent too: the receiver sees it twice). The result is a run as the judge
// would record it, for the checks.
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { MutexOp } from "../client.ts";
import { MutexNode, type PeerKind } from "../reference/typescript/mutex-node.ts";
import { NODES, runOf } from "./run.ts";

export interface SimOptions {
  seed: number;
  dropProbability: number;
  loseAnswerProbability: number;
  delayMs: [number, number];
  thinkMs: [number, number][];
  holdMs: [number, number];
  /** Clients start no acquire after this. */
  durationMs: number;
  /** The node's logic: the reference's, or a mutant's (mutants-simulated.test.ts). */
  Node?: typeof MutexNode;
  /** A node paused from fromMs to toMs: nothing reaches it meanwhile, it does nothing. */
  pause?: { node: string; fromMs: number; toMs: number };
}

/** The judge's client calls Acquire again after this without an answer (client.ts). */
const CALL_DEADLINE_MS = 2500;

/** The sender's wait for an answer before it sends again (peer-outbox.ts). */
const RESEND_MS = 550;

interface Event {
  at: number;
  order: number;
  run(): void;
}

class Simulation {
  now = 0;
  private order = 0;
  private readonly queue: Event[] = [];

  at(time: number, run: () => void): void {
    const event = { at: time, order: this.order++, run };
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1] as Event).at > time) i--;
    this.queue.splice(i, 0, event);
  }

  /** Runs every event in time order; a grant's promise settles before the next event. */
  async drain(untilMs: number): Promise<void> {
    for (let event = this.queue.shift(); event && event.at <= untilMs; event = this.queue.shift()) {
      this.now = event.at;
      event.run();
      for (let i = 0; i < 4; i++) await Promise.resolve();
    }
  }
}

export interface SimResult {
  run: RunRecord<MutexOp>;
  /** Acquires never granted by the end (a deadlock). */
  ungranted: number;
}

export async function simulate(opts: SimOptions): Promise<SimResult> {
  const sim = new Simulation();
  const random: Random = seededRandom(opts.seed);
  const messages: MessageRecord[] = [];
  const history: MutexOp[] = [];
  const faulty = opts.dropProbability > 0 || opts.loseAnswerProbability > 0 || opts.delayMs[1] > 20;
  const nodes = new Map<string, MutexNode>();

  /** When something that reaches `node` at `atMs` is handled: after its pause, if paused. */
  const arrival = (node: string, atMs: number): number => {
    const p = opts.pause;
    return p && p.node === node && atMs >= p.fromMs && atMs < p.toMs ? p.toMs : atMs;
  };

  const deliver = (from: string, to: string, kind: PeerKind, timestamp: number): void => {
    const startMs = sim.now;
    const record: MessageRecord = {
      seq: messages.length,
      from,
      to,
      method: `/ricartagrawala.MutexNode/${kind}`,
      startMs,
      endMs: null,
      requestBytes: 12,
      responseBytes: 0,
      status: null,
      request: { from, timestamp },
    };
    messages.push(record);
    const resend = () => sim.at(startMs + RESEND_MS, () => deliver(from, to, kind, timestamp));
    if (random.next() < opts.dropProbability) {
      Object.assign(record, { fault: "drop", status: 4, endMs: startMs + 500 });
      resend();
      return;
    }
    const delay = random.int(opts.delayMs[0], opts.delayMs[1]);
    const lost = random.next() < opts.loseAnswerProbability;
    Object.assign(record, {
      status: lost ? 4 : 0,
      endMs: lost ? startMs + 500 : startMs + delay + 1,
      ...(lost ? { fault: "lose-answer" } : faulty ? { fault: "delay" } : {}),
    });
    sim.at(arrival(to, startMs + delay), () => {
      const node = nodes.get(to) as MutexNode;
      if (kind === "Request") node.onRequest(from, timestamp);
      else node.onReply(from, timestamp);
    });
    if (lost) resend();
  };

  for (const id of NODES) {
    const peers = NODES.filter((n) => n !== id);
    const Node = opts.Node ?? MutexNode;
    nodes.set(id, new Node(id, peers, (peer, kind, ts) => deliver(id, peer, kind, ts)));
  }

  let nextId = 0;
  const op = (client: string, node: string, sequence: number, f: MutexOp["f"]): MutexOp => ({
    id: nextId++,
    client,
    sequence,
    f,
    key: node,
    outcome: "info",
    startMs: sim.now,
    endMs: null,
    attempts: [],
  });

  const startClient = (index: number, node: string): void => {
    const client = `c${index}`;
    const rng = random.fork(client);
    const [thinkMin, thinkMax] = opts.thinkMs[index] ?? [0, 0];
    const release = (sequence: number): void => {
      const r = op(client, node, sequence, "release");
      history.push(r);
      sim.at(arrival(node, sim.now + 1), () => {
        (nodes.get(node) as MutexNode).release(client, sequence);
        Object.assign(r, { outcome: "ok", endMs: sim.now + 1 });
        r.attempts.push({ node, startMs: r.startMs, endMs: sim.now + 1, result: "ok" });
        sim.at(sim.now + 1 + rng.int(thinkMin, thinkMax), () => acquire(sequence + 1));
      });
    };
    const acquire = (sequence: number): void => {
      if (sim.now > opts.durationMs) return;
      const a = op(client, node, sequence, "acquire");
      history.push(a);
      const granted = (timestamp: number): void => {
        if (a.outcome === "ok") return;
        // The client sees the grant a millisecond later, and sends the release after its hold.
        const seenMs = sim.now + 1;
        Object.assign(a, { outcome: "ok", endMs: seenMs, output: timestamp });
        Object.assign(a.attempts.at(-1) ?? {}, { endMs: seenMs, result: "ok" });
        sim.at(seenMs + rng.int(opts.holdMs[0], opts.holdMs[1]), () => release(sequence));
      };
      // One call, and the same again each time the client's deadline passes without a grant.
      const call = (): void => {
        if (a.outcome === "ok") return;
        const last = a.attempts.at(-1);
        if (last) last.endMs = sim.now;
        a.attempts.push({ node, startMs: sim.now, endMs: sim.now, result: "deadline" });
        sim.at(arrival(node, sim.now + 1), () => {
          (nodes.get(node) as MutexNode).acquire(client, sequence).then(granted, () => {});
        });
        sim.at(sim.now + CALL_DEADLINE_MS, call);
      };
      call();
    };
    // Every client's first acquire at the same moment: the first requests tie.
    sim.at(100, () => acquire(1));
  };
  NODES.forEach((node, i) => startClient(i, node));
  await sim.drain(opts.durationMs + 30_000);

  const faults: FaultWindow[] = faulty
    ? [{ startMs: 0, endMs: null, description: "simulated delays and losses" }]
    : [];
  history.sort((a, b) => a.startMs - b.startMs);
  for (const a of history) {
    const last = a.attempts.at(-1);
    if (a.outcome !== "ok" && last) last.endMs = sim.now;
  }
  return {
    run: runOf({ history, messages, faults, endMs: sim.now }),
    ungranted: history.filter((h) => h.f === "acquire" && h.outcome !== "ok").length,
  };
}

/** steady's clients without faults: node-2's client asks rarely. */
export const steadyLike: Omit<SimOptions, "seed"> = {
  dropProbability: 0,
  loseAnswerProbability: 0,
  delayMs: [1, 3],
  thinkMs: [
    [0, 30],
    [0, 30],
    [600, 900],
  ],
  holdMs: [20, 50],
  durationMs: 7000,
};

/** contention's clients with every peer call 300 ms late, so the first requests tie. */
export const contentionLike: Omit<SimOptions, "seed"> = {
  dropProbability: 0,
  loseAnswerProbability: 0,
  delayMs: [300, 300],
  thinkMs: [
    [0, 10],
    [0, 10],
    [0, 10],
  ],
  holdMs: [20, 50],
  durationMs: 3000,
};

/** paused_node's clients: node-1 paused for 3 s, longer than the client's call deadline. */
export const pausedLike: Omit<SimOptions, "seed"> = {
  ...contentionLike,
  delayMs: [1, 3],
  durationMs: 6000,
  pause: { node: "node-1", fromMs: 1500, toMs: 4500 },
};
