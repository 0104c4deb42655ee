// The evidence a report draws, problem-neutral: the client history and the fault timeline as
// history.json and faults.json hold them (harness/evidence.ts writes both), and a window of
// the message log. The web UI reads them through the API; the file report embeds them.
import type { MessageRecord } from "../ports/cluster.ts";

/** One call of an operation to one node (the harness's Attempt). */
export interface HistoryAttempt {
  node: string;
  startMs: number;
  endMs: number;
  /**
   * "ok", or the problem's word for why not ("unavailable", "deadline", ...). A refusal with
   * a redirect ("not_leader"; the chain's "not_head", "not_tail") means the node did not
   * apply it and may name where to go in `hint`.
   */
  result: string;
  /** A node's hint where to go instead (the leader, the head, the tail), as the node sent it. */
  hint?: string;
  /** Transport error text, for the report. */
  detail?: string;
}

/** An operation of history.json, any problem's. */
export interface HistoryOp {
  id: number;
  client: string;
  f: string;
  key?: string | null;
  value?: unknown;
  output?: unknown;
  type: "ok" | "fail" | "info";
  startMs: number;
  endMs: number | null;
  attempts?: HistoryAttempt[];
}

export interface HistoryDoc {
  originMs: number;
  ops: HistoryOp[];
}

export interface FaultsDoc {
  originMs: number;
  timeline: { atMs: number; event: string; description: string }[];
  windows: { startMs: number; endMs: number | null; description: string }[];
}

/** What the message diagram draws of a recorded call. */
export type DiagramMessage = Pick<
  MessageRecord,
  "from" | "to" | "method" | "startMs" | "endMs" | "fault" | "request" | "response"
>;

/** The messages that started in a window, at most a bound of them (the first by start). */
export interface MessageWindow {
  total: number;
  truncated: boolean;
  messages: DiagramMessage[];
}

type RawOp = Omit<HistoryOp, "type"> & { type?: HistoryOp["type"]; outcome?: HistoryOp["type"] };

/**
 * history.json as any problem writes it: a checker's format names the outcome `type`, the
 * neutral record (harness/operation.ts) `outcome`; both are read.
 */
export function readHistoryDoc(doc: { originMs: number; ops: RawOp[] }): HistoryDoc {
  return {
    originMs: doc.originMs,
    ops: doc.ops.map(({ outcome, ...op }) => ({ ...op, type: op.type ?? outcome ?? "info" })),
  };
}

/** The end of the run as far as the evidence shows: the last operation's end. */
export function runEndMs(history: HistoryDoc): number {
  let end = history.originMs;
  for (const op of history.ops) end = Math.max(end, op.endMs ?? op.startMs);
  return end;
}
