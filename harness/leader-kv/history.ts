// What the judge's clients of a leader-based key-value store record: one operation per
// (client, sequence), from its first attempt to its final answer, with every attempt kept for
// the redirect and timing checks. The harness's neutral record, narrowed to get/put/append.
import type { Attempt as AnyAttempt, Operation } from "../operation.ts";
import type { RunRecord } from "../run-record.ts";

export type KvFunction = "get" | "put" | "append";

/**
 * An attempt's result. `Redirect` is the problem's word for an answer refused with a
 * redirect (Raft's "not_leader", the chain's "not_head" and "not_tail"): the node did not
 * apply the operation, and may name where to go in `hint`.
 */
export type KvAttemptResult<Redirect extends string = string> =
  "ok" | Redirect | "unavailable" | "deadline" | "error";

export interface KvAttempt<Redirect extends string = string> extends AnyAttempt {
  result: KvAttemptResult<Redirect>;
  /** A redirect's hint ("" when the node knows none), capped in length. */
  hint?: string;
}

export interface KvOp<Redirect extends string = string> extends Operation {
  sequence: number;
  f: KvFunction;
  key: string;
  value?: string;
  /** GET's answer when OK. */
  output?: { value: string; found: boolean };
  /** ok: took effect once; fail: surely did not; info: may have. */
  outcome: "ok" | "fail" | "info";
  startMs: number;
  /** null while open: an unknown operation stays open to the end of the history. */
  endMs: number | null;
  attempts: KvAttempt<Redirect>[];
}

/** A run of such a store: what its checks read. */
export type KvRun<Redirect extends string = string> = RunRecord<KvOp<Redirect>>;

export function describeOp(op: KvOp, originMs: number): string {
  const at = (ms: number | null): string =>
    ms === null ? "…" : `${((ms - originMs) / 1000).toFixed(3)} s`;
  const what =
    op.f === "get"
      ? `get ${op.key}${op.output ? ` → ${JSON.stringify(op.output.value)}${op.output.found ? "" : " (absent)"}` : ""}`
      : `${op.f} ${op.key} ${JSON.stringify(op.value ?? "")}`;
  const via = op.attempts.map((a) => `${a.node}:${a.result}`).join(", ");
  return `${op.client} #${op.sequence} ${what} [${at(op.startMs)} – ${at(op.endMs)}] ${op.outcome} via ${via}`;
}
