// Which acknowledged client write went with a committed entry that a later leader replaced:
// an APPEND the committing leader answered OK while it led, whose unique value the final
// read of its key lacks though no PUT came after; and, when the traffic shows it, the index
// its entry went into.
import type { ClientOp, RaftRun } from "./history.ts";
import type { LeaderLog } from "./leader-logs.ts";

/** How long after a leader's last AppendEntries of its term an OK still counts as its. */
const ANSWER_SLACK_MS = 1000;

export interface LostWrite {
  op: ClientOp;
  /** When the committing leader said OK. */
  okAtMs: number;
  /** The leader of the entry's term, when the write's entry is seen going into the index. */
  wentInBy: string | null;
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

export function lostWrite(
  run: Pick<RaftRun, "history" | "finalReads">,
  committer: LeaderLog,
  index: number,
  entryTerm: number,
  logs: readonly LeaderLog[],
): LostWrite | null {
  const from = committer.sent[0]?.startMs ?? Infinity;
  const to = (committer.sent.at(-1)?.startMs ?? -Infinity) + ANSWER_SLACK_MS;
  const writer = logs.find((l) => l.term === entryTerm) ?? null;
  let best: LostWrite | null = null;
  for (const op of run.history) {
    if (op.f !== "append" || op.outcome !== "ok" || op.value === undefined) continue;
    const ok = op.attempts.find((a) => a.result === "ok");
    if (!ok || ok.node !== committer.leader || ok.endMs < from || ok.endMs > to) continue;
    const final = run.finalReads.find((r) => r.key === op.key && r.outcome === "ok" && r.output);
    if (!final?.output || final.output.value.includes(op.value)) continue;
    // A PUT to the key after it could have legitimately erased it.
    const overwritten = run.history.some(
      (p) => p.f === "put" && p.key === op.key && p.outcome !== "fail" && p.startMs > op.startMs,
    );
    if (overwritten) continue;
    const found: LostWrite = { op, okAtMs: ok.endMs, wentInBy: wentIn(op, writer, index) };
    // The one whose entry is seen at that index, else the first.
    if (!best || (found.wentInBy && !best.wentInBy)) best = found;
  }
  return best;
}

/**
 * The leader of the entry's term, when the write was sent to it and the first entries it
 * sent on after that ended at `index`: the write was its newest entry, there.
 */
function wentIn(op: ClientOp, writer: LeaderLog | null, index: number): string | null {
  if (!writer) return null;
  for (const a of op.attempts) {
    if (a.node !== writer.leader) continue;
    const next = writer.sent.find(
      (m) => m.startMs >= a.startMs && (num(m.request?.["entries_count"]) ?? 0) > 0,
    );
    const prev = num(next?.request?.["prev_log_index"]);
    const count = num(next?.request?.["entries_count"]);
    if (prev !== null && count !== null && prev + count === index) return writer.leader;
  }
  return null;
}
