// Hand-made runs for the checks' tests and the simulation: entries as the judge records
// them (an acquire and its release at one node) and peer calls as the agents record them.
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import type { MutexOp } from "../client.ts";

export const NODES = ["node-0", "node-1", "node-2"];

export function runOf(fields: Partial<RunRecord<MutexOp>>): RunRecord<MutexOp> {
  return runRecord({ problem: "ricart-agrawala", nodes: NODES, finalReadBudgetMs: 0, ...fields });
}

let nextId = 0;

/**
 * One entry's two operations: acquire sent at `askedMs`, granted (seen) at `grantedMs` with
 * `timestamp`, released (sent) at `releasedMs`; no release when it is null.
 */
export function entry(
  node: string,
  sequence: number,
  timestamp: number,
  askedMs: number,
  grantedMs: number,
  releasedMs: number | null,
): MutexOp[] {
  const client = `c${node.slice(-1)}`;
  const acquire: MutexOp = {
    id: nextId++,
    client,
    sequence,
    f: "acquire",
    key: node,
    output: timestamp,
    outcome: "ok",
    startMs: askedMs,
    endMs: grantedMs,
    attempts: [{ node, startMs: askedMs, endMs: grantedMs, result: "ok" }],
  };
  if (releasedMs === null) return [acquire];
  const release: MutexOp = {
    id: nextId++,
    client,
    sequence,
    f: "release",
    key: node,
    outcome: "ok",
    startMs: releasedMs,
    endMs: releasedMs + 1,
    attempts: [{ node, startMs: releasedMs, endMs: releasedMs + 1, result: "ok" }],
  };
  return [acquire, release];
}

/** An acquire never answered: the client gave up at `gaveUpMs`. */
export function unanswered(
  node: string,
  sequence: number,
  askedMs: number,
  gaveUpMs: number,
): MutexOp {
  return {
    id: nextId++,
    client: `c${node.slice(-1)}`,
    sequence,
    f: "acquire",
    key: node,
    outcome: "info",
    startMs: askedMs,
    endMs: null,
    attempts: [{ node, startMs: askedMs, endMs: gaveUpMs, result: "deadline" }],
  };
}

let nextSeq = 0;

/** One peer call as an agent records it. */
export function call(
  kind: "Request" | "Reply",
  from: string,
  to: string,
  timestamp: number,
  startMs: number,
  extra: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    seq: nextSeq++,
    from,
    to,
    method: `/ricartagrawala.MutexNode/${kind}`,
    startMs,
    endMs: startMs + 2,
    requestBytes: 12,
    responseBytes: 0,
    status: 0,
    request: { from, timestamp },
    response: {},
    ...extra,
  };
}

/** The 2(N−1) calls of an entry by `node` at `timestamp`, requested at `atMs`. */
export function entryCalls(node: string, timestamp: number, atMs: number): MessageRecord[] {
  return NODES.filter((n) => n !== node).flatMap((peer) => [
    call("Request", node, peer, timestamp, atMs),
    call("Reply", peer, node, timestamp, atMs + 3),
  ]);
}
