// Every sliding window scenario's checks, in report order (statement.md argues each one's
// soundness): no span of the judge's clock holds more wholly-inside allowed requests on a key
// than `limit` per window it can overlap; in fault-free steady stretches below the limit,
// requests go through.
import type { Check } from "../../harness/problem.ts";
import {
  overAdmissionCheck,
  overDenialCheck,
  rateRecordOf,
  type AllowOp,
  type RunBound,
} from "../../harness/rate-limit/index.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import type { WindowLimit } from "./client.ts";
import { CLOCK_MARGIN_MS, CLOCK_RATE_SLACK, OVER_DENIAL } from "./limits.ts";

/**
 * limit × (⌊(length·(1 + slack) + margin) / window⌋ + 1): a span a node measures shorter
 * than the window holds at most `limit`, and a longer one is covered by that many windows.
 */
export function windowBound(limit: WindowLimit): RunBound {
  const windows = (fromMs: number, toMs: number) =>
    Math.floor(((toMs - fromMs) * (1 + CLOCK_RATE_SLACK) + CLOCK_MARGIN_MS) / limit.windowMs) + 1;
  return {
    bound: (fromMs, toMs) => limit.limit * windows(fromMs, toMs),
    explain: (fromMs, toMs) => {
      const n = windows(fromMs, toMs);
      return `${limit.limit} per window of ${limit.windowMs} ms; a span of ${((toMs - fromMs) / 1000).toFixed(3)} s, which meets ${n} window${n === 1 ? "" : "s"}: ${limit.limit * n}`;
    },
  };
}

function boundOf(run: RunRecord<AllowOp>): RunBound | string {
  const limit = rateRecordOf(run)?.limit as WindowLimit | undefined;
  if (!limit || !(limit.limit > 0) || !(limit.windowMs > 0))
    return "The judge configured no limit: there is no bound to hold the answers to.";
  return windowBound(limit);
}

export const windowChecks: readonly Check<AllowOp>[] = [
  overAdmissionCheck(boundOf),
  overDenialCheck(OVER_DENIAL),
];
