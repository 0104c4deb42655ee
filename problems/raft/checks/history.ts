// What the judge's Raft clients recorded: one operation per (client, sequence), from its
// first attempt to its final answer, with every attempt kept for the redirect and timing
// checks. The harness's neutral record, narrowed to Raft's operations.
import type { Attempt as AnyAttempt, Operation } from "../../../harness/operation.ts";
import type { RunRecord } from "../../../harness/run-record.ts";

export type AttemptResult = "ok" | "not_leader" | "unavailable" | "deadline" | "error";

export interface Attempt extends AnyAttempt {
  result: AttemptResult;
  /** NOT_LEADER's leader_hint ("" when the node knows none), capped in length. */
  hint?: string;
}

export interface ClientOp extends Operation {
  sequence: number;
  f: "get" | "put" | "append";
  key: string;
  value?: string;
  /** GET's answer when OK. */
  output?: { value: string; found: boolean };
  /** ok: took effect once; fail: surely did not; info: may have. */
  outcome: "ok" | "fail" | "info";
  startMs: number;
  /** null while open: an unknown operation stays open to the end of the history. */
  endMs: number | null;
  attempts: Attempt[];
}

/** A Raft scenario's run: what every Raft check reads. */
export type RaftRun = RunRecord<ClientOp>;

export function describeOp(op: ClientOp, originMs: number): string {
  const at = (ms: number | null): string =>
    ms === null ? "…" : `${((ms - originMs) / 1000).toFixed(3)} s`;
  const what =
    op.f === "get"
      ? `get ${op.key}${op.output ? ` → ${JSON.stringify(op.output.value)}${op.output.found ? "" : " (absent)"}` : ""}`
      : `${op.f} ${op.key} ${JSON.stringify(op.value ?? "")}`;
  const via = op.attempts.map((a) => `${a.node}:${a.result}`).join(", ");
  return `${op.client} #${op.sequence} ${what} [${at(op.startMs)} – ${at(op.endMs)}] ${op.outcome} via ${via}`;
}
