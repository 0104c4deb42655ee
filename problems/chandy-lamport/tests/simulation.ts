// The reference's node and channel logic over a seeded simulated network, in simulated time:
// every Deliver call delayed before it reaches the receiver (as the agents' delay does),
// given up by its sender after the call timeout while still delivered later, a paused node
// taking nothing in and doing nothing until it resumes. The run is recorded as the judge
// records one (Deliver calls decoded, snapshot starts, final GetSnapshot reads), so the
// problem's checks read it unchanged.
import { seededRandom } from "../../../harness/random.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { DELIVER } from "../checks/traffic.ts";
import type { SnapshotOp } from "../client.ts";
import type { ChannelSender as Sender } from "../reference/typescript/channel-sender.ts";
import type { ChannelMessage } from "../reference/typescript/proto.ts";
import type { SnapshotNode as Node } from "../reference/typescript/snapshot-node.ts";

export const NODES = ["node-0", "node-1", "node-2"];

/** The reference's classes, or a mutant's (tests import a mutated copy). */
export interface Implementation {
  ChannelSender: typeof Sender;
  SnapshotNode: typeof Node;
}

export interface SimOptions {
  seed: number;
  /** Client transfers, at random times within durationMs. */
  transfers: number;
  amountMax: number;
  /** Snapshot starts: groups of ids started at the same instant at different nodes. */
  snapshotGroups: number;
  groupSize: number;
  delayMs: [number, number];
  callTimeoutMs: number;
  durationMs: number;
  /**
   * As the judge's snapshot schedule does: a peer pays the starting node 2 ms before the
   * start, and the starting node pays a peer 2 ms after it.
   */
  primed?: boolean;
  /** Snapshot starts at given times, before the random groups. */
  startsAt?: { atMs: number; node: string }[];
  /** A node paused over [fromMs, toMs). */
  pause?: { node: string; fromMs: number; toMs: number };
}

const OK = 0;
const DEADLINE_EXCEEDED = 4;

interface Event {
  at: number;
  owner: string | null;
  fn: () => void;
}

export function simulate(impl: Implementation, opts: SimOptions): RunRecord<SnapshotOp> {
  const random = seededRandom(opts.seed);
  const events: Event[] = [];
  let now = 0;
  const pausedUntil = (node: string | null, at: number): number => {
    const p = opts.pause;
    return p && node === p.node && at >= p.fromMs && at < p.toMs ? p.toMs : at;
  };
  // Kept sorted by time, then by order of scheduling.
  const at = (time: number, owner: string | null, fn: () => void) => {
    let low = 0;
    let high = events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((events[mid] as Event).at <= time) low = mid + 1;
      else high = mid;
    }
    events.splice(low, 0, { at: time, owner, fn });
  };

  const messages: MessageRecord[] = [];
  const nodes = new Map<string, Node>();
  for (const id of NODES) {
    const senders = new Map<string, Sender>();
    for (const peer of NODES.filter((n) => n !== id)) {
      const sendOnce = (msg: ChannelMessage, done: (acknowledged: boolean) => void) => {
        const record: MessageRecord = {
          seq: messages.length,
          from: id,
          to: peer,
          method: DELIVER,
          startMs: now,
          endMs: null,
          requestBytes: 20,
          responseBytes: 5,
          status: null,
          fault: "delay",
          request: { ...msg },
        };
        messages.push(record);
        const timeoutAt = now + opts.callTimeoutMs;
        let answered = false;
        at(timeoutAt, id, () => {
          if (answered) return;
          answered = true;
          record.status = DEADLINE_EXCEEDED;
          record.endMs = timeoutAt;
          done(false);
        });
        at(now + random.int(opts.delayMs[0], opts.delayMs[1]), peer, () => {
          let status = OK;
          try {
            nodes.get(peer)?.deliver({ ...msg });
          } catch {
            status = 9;
          }
          if (answered) return;
          answered = true;
          record.status = status;
          record.endMs = now;
          done(status === OK);
        });
      };
      senders.set(peer, new impl.ChannelSender(id, sendOnce, (ms, fn) => at(now + ms, id, fn)));
    }
    nodes.set(id, new impl.SnapshotNode(id, senders));
  }

  const history: SnapshotOp[] = [];
  const op = (f: SnapshotOp["f"], node: string, value: number, key?: string): SnapshotOp => {
    const made: SnapshotOp = {
      id: history.length,
      client: f === "transfer" ? "c0" : "snap",
      sequence: history.length + 1,
      f,
      value,
      outcome: "ok",
      startMs: now,
      endMs: now,
      attempts: [{ node, startMs: now, endMs: now, result: "ok" }],
      ...(key ? { key } : {}),
    };
    history.push(made);
    return made;
  };
  const transfer = (when: number, from: string, to: string, amount: number) =>
    at(when, from, () => {
      try {
        nodes.get(from)?.transfer({ client_id: "c0", sequence: history.length + 1, to, amount });
        op("transfer", from, amount, to);
      } catch {
        op("transfer", from, amount, to).outcome = "fail";
      }
    });
  const peerOf = (node: string) => random.pick(NODES.filter((n) => n !== node));
  for (let i = 0; i < opts.transfers; i++) {
    const from = random.pick(NODES);
    transfer(random.int(0, opts.durationMs), from, peerOf(from), random.int(1, opts.amountMax));
  }
  const ids: number[] = [];
  const start = (when: number, node: string) => {
    const id = ids.length + 1;
    ids.push(id);
    if (opts.primed) {
      transfer(when - 2, peerOf(node), node, random.int(1, opts.amountMax));
      transfer(when + 2, node, peerOf(node), random.int(1, opts.amountMax));
    }
    at(when, node, () => {
      nodes.get(node)?.startSnapshot(id);
      op("start", node, id);
    });
  };
  for (const { atMs, node } of opts.startsAt ?? []) start(atMs, node);
  for (let g = 0; g < opts.snapshotGroups; g++) {
    const when = random.int(2, opts.durationMs);
    const left = [...NODES];
    for (let i = 0; i < opts.groupSize; i++)
      start(when, left.splice(random.int(0, left.length - 1), 1)[0] as string);
  }

  for (let steps = 0; events.length; steps++) {
    if (steps > 1_000_000) throw new Error("the simulated network never went quiet");
    const next = events.shift() as Event;
    const runAt = pausedUntil(next.owner, next.at);
    if (runAt !== next.at) {
      at(runAt, next.owner, next.fn);
      continue;
    }
    now = next.at;
    next.fn();
  }

  const finalReads = ids.flatMap((id) =>
    NODES.map((node) => {
      const read = op("read", node, id);
      read.output = nodes.get(node)?.getSnapshot(id);
      return read;
    }),
  );
  return runRecord({
    problem: "chandy-lamport",
    scenario: "simulated",
    seed: opts.seed,
    endMs: now,
    nodes: NODES,
    history,
    finalReads,
    messages: messages.sort((a, b) => a.startMs - b.startMs),
  });
}
