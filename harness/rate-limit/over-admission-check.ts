// The over-admission check every rate limiter shares, generic over its algorithm's bound:
// for each key, no window of the judge's clock holds more wholly-inside allowed requests
// than the bound allows (window-search.ts argues why that search is exhaustive and sound).
import { describeOperation } from "../operation.ts";
import type { Check } from "../problem.ts";
import type { RunRecord } from "../run-record.ts";
import { holds, inconclusive, secondsSince, violated } from "../../shared/check/property.ts";
import { allowedByKey, type AllowOp } from "./operation.ts";
import { findOverAdmission, type WindowBound } from "./window-search.ts";

export const OVER_ADMISSION = "over-admission";

/** An algorithm's bound for one run (its limit as configured, its windows' placement). */
export interface RunBound {
  bound: WindowBound;
  /** The bound in words for [fromMs, toMs]: "10 + 5/s × 1.300 s = 16.5". */
  explain(fromMs: number, toMs: number): string;
}

/** Requests shown in a violation's excerpt; the rest are counted. */
const EXCERPT_MAX = 12;

/**
 * `boundOf` reads the run's limit (the workload's, or what the judge configured); a string is
 * why no bound applies (nothing configured), which makes the check inconclusive.
 */
export function overAdmissionCheck(
  boundOf: (run: RunRecord<AllowOp>) => RunBound | string,
): Check<AllowOp> {
  return {
    name: OVER_ADMISSION,
    required: true,
    run(run) {
      const found = boundOf(run);
      if (typeof found === "string") return inconclusive(OVER_ADMISSION, found);
      const byKey = allowedByKey(run.history);
      if (byKey.size === 0)
        return inconclusive(OVER_ADMISSION, "No request was allowed: there is nothing to count.");
      for (const [key, ops] of byKey) {
        const spans = ops.map((op) => ({ startMs: op.startMs, endMs: op.endMs as number, op }));
        const over = findOverAdmission(spans, found.bound);
        if (!over) continue;
        const at = (ms: number) => secondsSince(run.originMs, ms);
        const shown = over.inside
          .slice(0, EXCERPT_MAX)
          .map((s) => describeOperation(s.op, run.originMs));
        const more = over.inside.length - shown.length;
        return violated(
          OVER_ADMISSION,
          `Key ${JSON.stringify(key)}: ${over.inside.length} requests were allowed wholly inside ${at(over.fromMs)} – ${at(over.toMs)}, above the most a correct limiter admits there, ${found.explain(over.fromMs, over.toMs)}.`,
          more > 0 ? [...shown, `… and ${more} more allowed inside the window`] : shown,
        );
      }
      const allowed = [...byKey.values()].reduce((n, ops) => n + ops.length, 0);
      if (run.historyDropped)
        return inconclusive(
          OVER_ADMISSION,
          `${run.historyDropped} requests beyond the judge's cap were not kept: an over-admission among them cannot be ruled out.`,
        );
      return holds(
        OVER_ADMISSION,
        `Every window of the ${allowed} allowed requests over ${byKey.size} keys stays within the bound.`,
      );
    },
  };
}
