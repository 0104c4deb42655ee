// The problem-neutral record of one client operation (Jepsen's op): which client asked
// what, when it was invoked and completed, and how it ended. ok: took effect once; fail:
// surely did not; info: may have. Every attempt is kept for redirect and timing checks.
import type { HistoryAttempt } from "../shared/report/docs.ts";

/** One call of an operation to one node, as history.json keeps it (shared/report/docs.ts). */
export type Attempt = HistoryAttempt;

export type Outcome = "ok" | "fail" | "info";

export interface Operation {
  id: number;
  /** The client (Jepsen's process): one operation outstanding per client. */
  client: string;
  /** The client's own numbering of its operations, when the problem has one. */
  sequence?: number;
  /** The operation's name: "get", "put", "increment", "transfer", ... */
  f: string;
  key?: string;
  value?: unknown;
  /** What a successful operation returned. */
  output?: unknown;
  outcome: Outcome;
  startMs: number;
  /** null while open: an unknown operation stays open to the end of the history. */
  endMs: number | null;
  attempts: Attempt[];
}

const at = (ms: number | null, originMs: number): string =>
  ms === null ? "…" : `${((ms - originMs) / 1000).toFixed(3)} s`;

const shown = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** One line for reports: "c1 #4 put k1 "x" [1.200 s – 1.250 s] ok via node-2:ok". */
export function describeOperation(op: Operation, originMs: number): string {
  const what = [op.f, op.key, op.value === undefined ? undefined : shown(op.value)]
    .filter((p) => p !== undefined)
    .join(" ");
  const output = op.output === undefined ? "" : ` → ${JSON.stringify(op.output)}`;
  const seq = op.sequence === undefined ? "" : ` #${op.sequence}`;
  const via = op.attempts.map((a) => `${a.node}:${a.result}`).join(", ");
  return `${op.client}${seq} ${what}${output} [${at(op.startMs, originMs)} – ${at(op.endMs, originMs)}] ${op.outcome}${via ? ` via ${via}` : ""}`;
}
