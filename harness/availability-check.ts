// Availability (Maelstrom's `--availability total`): a problem whose nodes must answer under
// partitions owes the judge a definite answer to every call it makes to a running node over
// a clean link, within a bound. Calls to a node a fault stopped (killed or paused, and a grace
// after its restart to start listening), or over the judge's own faulted links, are excused.
import { holds, inconclusive, secondsSince, violated } from "../shared/check/property.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import { describeOperation, type Attempt, type Operation } from "./operation.ts";
import type { FaultWindow, RunRecord } from "./run-record.ts";

export interface AvailabilityLimits {
  /** Every owed call answers within this, from its start to its answer. */
  answerMsMax: number;
  /** A restarted node is owed no answers for this long after its restart. */
  restartGraceMs: number;
  /** The attempt results that are definite answers ("ok"; a problem may add its refusals). */
  definite: readonly string[];
}

const PROPERTY = "availability";

/** The fault that excuses a call to `node` over [startMs, endMs], if any. */
function excuse(
  attempt: Attempt,
  faults: readonly FaultWindow[],
  graceMs: number,
): FaultWindow | undefined {
  return faults.find((f) => {
    const applies = f.clientLinks === true || (f.stopped ?? []).includes(attempt.node);
    if (!applies) return false;
    const until = f.endMs === null ? Infinity : f.endMs + graceMs;
    return f.startMs <= attempt.endMs && attempt.startMs <= until;
  });
}

export function checkAvailability(
  run: Pick<RunRecord, "history" | "faults" | "originMs">,
  limits: AvailabilityLimits,
): PropertyResult {
  let owed = 0;
  for (const op of run.history) {
    for (const attempt of op.attempts) {
      if (excuse(attempt, run.faults, limits.restartGraceMs)) continue;
      owed++;
      const tookMs = attempt.endMs - attempt.startMs;
      const answered = limits.definite.includes(attempt.result);
      if (answered && tookMs <= limits.answerMsMax) continue;
      const what = answered
        ? `answered after ${Math.round(tookMs)} ms, past the ${limits.answerMsMax} ms bound`
        : `gave no definite answer (${attempt.result}${attempt.detail ? `: ${attempt.detail}` : ""}) within ${limits.answerMsMax} ms`;
      return violated(
        PROPERTY,
        `${attempt.node} was running and the judge's link to it was clean, yet a call at ${secondsSince(run.originMs, attempt.startMs)} ${what}`,
        [describeOperation(op as Operation, run.originMs), ...faultsAround(run, attempt)],
      );
    }
  }
  if (owed === 0) return inconclusive(PROPERTY, "no call went to a running node over a clean link");
  return holds(
    PROPERTY,
    `all ${owed} calls to running nodes were answered within ${limits.answerMsMax} ms`,
  );
}

/** The faults in force during the attempt, so the reader sees why it was owed an answer. */
function faultsAround(run: Pick<RunRecord, "faults" | "originMs">, attempt: Attempt): string[] {
  const during = run.faults.filter(
    (f) => f.startMs <= attempt.endMs && (f.endMs === null || f.endMs >= attempt.startMs),
  );
  if (during.length === 0) return ["no fault was in force"];
  return during.map(
    (f) =>
      `in force: ${f.description} (${secondsSince(run.originMs, f.startMs)} – ${f.endMs === null ? "end" : secondsSince(run.originMs, f.endMs)})`,
  );
}
