// "reads" and "no lost write" (statements, "Checks"): a Get answered ok returns the value of
// a put that may still be the key's latest when the Get ran: one that was not acknowledged
// and then followed by another acknowledged put of the key, both before the Get began; or
// not found when no put of the key was acknowledged before the Get began. Puts whose outcome
// the judge does not know, and puts retried after a failed attempt, may have taken effect at
// any time after they started. Every put's
// value is unique, so a value names its put. A store where one node at a time serves a key
// with every earlier write (the statements' handoff rule) never fails it; the final Gets,
// after the last view settled, are the "no lost write" half.
import { holds, inconclusive, secondsSince, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { ShardOp } from "../client.ts";

/** Why `read` could not have returned what it did, or null when it could. */
export function readFault(
  read: ShardOp,
  puts: readonly ShardOp[],
  originMs: number,
): string | null {
  const readEnd = read.endMs ?? Infinity;
  const acked = puts.filter((p) => p.outcome === "ok" && p.endMs !== null);
  /**
   * An acknowledged put that began after `p` ended and ended before the read began. A put
   * with a failed attempt is never overwritten: the failed attempt's forward may reach the
   * owner after the retry was answered, writing the same value again.
   */
  const overwritten = (p: ShardOp): ShardOp | undefined =>
    p.endMs === null || p.attempts.some((a) => a.result !== "ok")
      ? undefined
      : acked.find(
          (q) => q !== p && q.startMs > (p.endMs as number) && (q.endMs as number) < read.startMs,
        );
  const at = (ms: number | null): string => (ms === null ? "never" : secondsSince(originMs, ms));
  if (read.output === null || read.output === undefined) {
    const before = acked.find((p) => (p.endMs as number) < read.startMs);
    return before
      ? `Get "${read.key}" at ${at(read.startMs)} found nothing, though a put of it (value "${before.value}") was acknowledged at ${at(before.endMs)}.`
      : null;
  }
  const put = puts.find((p) => p.value === read.output && p.outcome !== "fail");
  if (!put) return `Get "${read.key}" returned "${read.output}", which no put of that key wrote.`;
  if (put.startMs > readEnd)
    return `Get "${read.key}" ended at ${at(read.endMs)} with "${read.output}", written by a put that began only at ${at(put.startMs)}.`;
  const newer = overwritten(put);
  return newer
    ? `Get "${read.key}" at ${at(read.startMs)} returned "${read.output}" (acknowledged at ${at(put.endMs)}), though "${newer.value}" was written after it and acknowledged at ${at(newer.endMs)}, before the Get began.`
    : null;
}

function check(
  name: string,
  reads: readonly ShardOp[],
  history: readonly ShardOp[],
  originMs: number,
): PropertyResult {
  const puts = new Map<string, ShardOp[]>();
  for (const op of history) if (op.f === "put") puts.set(op.key, [...(puts.get(op.key) ?? []), op]);
  const answered = reads.filter((r) => r.f === "get" && r.outcome === "ok");
  for (const read of answered) {
    const fault = readFault(read, puts.get(read.key) ?? [], originMs);
    if (fault) return violated(name, fault);
  }
  if (!answered.length) return inconclusive(name, "No Get was answered.");
  return holds(
    name,
    `All ${answered.length} answered Gets returned a value allowed by the acknowledged puts.`,
  );
}

export function checkReads(
  history: readonly ShardOp[],
  finalReads: readonly ShardOp[],
  originMs: number,
): PropertyResult {
  const finals = new Set(finalReads);
  return check(
    "reads",
    history.filter((op) => !finals.has(op)),
    history,
    originMs,
  );
}

/** The final Gets: every key the run wrote, each answered, none behind its last acknowledged put. */
export function checkNoLostWrite(
  history: readonly ShardOp[],
  finalReads: readonly ShardOp[],
  originMs: number,
): PropertyResult {
  const name = "no lost write";
  const unanswered = finalReads.filter((r) => r.outcome !== "ok");
  const result = check(name, finalReads, history, originMs);
  if (result.status === "violated" || !unanswered.length) return result;
  return inconclusive(
    name,
    `The final Gets of ${unanswered
      .map((r) => `"${r.key}"`)
      .slice(0, 5)
      .join(", ")} were not answered.`,
  );
}
