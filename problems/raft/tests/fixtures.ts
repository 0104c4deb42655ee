// Hand-made message logs and histories for the Raft property checkers' tests.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import type { Attempt, ClientOp, RaftRun } from "../checks/history.ts";
import { APPEND_ENTRIES, REQUEST_VOTE } from "../checks/traffic.ts";

let seq = 0;

/** Where an AppendEntries fits in the log, how many entries it carries, and the answer. */
export interface AppendShape {
  prev: number;
  entries: number;
  success: boolean;
}

export function append(
  from: string,
  to: string,
  term: number,
  atMs: number,
  shape: AppendShape = { prev: 0, entries: 0, success: true },
): MessageRecord {
  return {
    seq: seq++,
    from,
    to,
    method: APPEND_ENTRIES,
    startMs: atMs,
    endMs: atMs + 1,
    requestBytes: 20,
    responseBytes: 6,
    status: 0,
    request: {
      term,
      leader_id: from,
      prev_log_index: shape.prev,
      prev_log_term: shape.prev ? term : 0,
      entries_count: shape.entries,
      leader_commit: 0,
    },
    response: { term, success: shape.success },
  };
}

export function vote(
  candidate: string,
  voter: string,
  term: number,
  granted: boolean,
  atMs: number,
): MessageRecord {
  return {
    seq: seq++,
    from: candidate,
    to: voter,
    method: REQUEST_VOTE,
    startMs: atMs,
    endMs: atMs + 1,
    requestBytes: 12,
    responseBytes: 4,
    status: 0,
    request: { term, candidate_id: candidate, last_log_index: 0, last_log_term: 0 },
    response: { term, vote_granted: granted },
  };
}

/** Heartbeats from `leader` to every other node, every `everyMs`, in [fromMs, toMs). */
export function heartbeats(
  leader: string,
  nodes: string[],
  term: number,
  fromMs: number,
  toMs: number,
  everyMs: number,
): MessageRecord[] {
  const out: MessageRecord[] = [];
  for (let t = fromMs; t < toMs; t += everyMs) {
    for (const n of nodes) if (n !== leader) out.push(append(leader, n, term, t));
  }
  return out;
}

let opId = 0;

export function op(partial: Partial<ClientOp> & { attempts: Attempt[] }): ClientOp {
  const first = partial.attempts[0];
  const last = partial.attempts.at(-1);
  return {
    id: opId++,
    client: "c0",
    sequence: 1,
    f: "put",
    key: "k0",
    value: "v",
    outcome: last?.result === "ok" ? "ok" : "info",
    startMs: first?.startMs ?? 0,
    endMs: last?.result === "ok" ? last.endMs : null,
    ...partial,
  };
}

export const attempt = (
  node: string,
  startMs: number,
  endMs: number,
  result: Attempt["result"],
  hint?: string,
): Attempt => ({
  node,
  startMs,
  endMs,
  result,
  ...(hint === undefined ? {} : { hint }),
});

export const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];

/** A run with nothing in it but what a test names: checks read it by field name. */
export function runOf(fields: Partial<RaftRun>): RaftRun {
  return runRecord({ problem: "raft", nodes: NODES, ...fields });
}
