// Every token bucket scenario's checks, in report order (statement.md argues each one's
// soundness): no window of the judge's clock holds more wholly-inside allowed requests on a
// key than burst + refill × its length; in fault-free steady stretches below the limit,
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
import type { BucketLimit } from "./client.ts";
import { CLOCK_RATE_SLACK, OVER_DENIAL } from "./limits.ts";

/** burst + refill × (t2 − t1), the refill given the clock-rate slack. */
export function bucketBound(limit: BucketLimit): RunBound {
  const perMs = (limit.refillPerSecond / 1000) * (1 + CLOCK_RATE_SLACK);
  const bound = (fromMs: number, toMs: number) => limit.burst + perMs * (toMs - fromMs);
  return {
    bound,
    explain: (fromMs, toMs) =>
      `burst + refill × length = ${limit.burst} + ${limit.refillPerSecond}/s × ${((toMs - fromMs) / 1000).toFixed(3)} s = ${bound(fromMs, toMs).toFixed(1)}`,
  };
}

function boundOf(run: RunRecord<AllowOp>): RunBound | string {
  const limit = rateRecordOf(run)?.limit as BucketLimit | undefined;
  if (!limit || !(limit.burst > 0) || !(limit.refillPerSecond > 0))
    return "The judge configured no limit: there is no bound to hold the answers to.";
  return bucketBound(limit);
}

export const bucketChecks: readonly Check<AllowOp>[] = [
  overAdmissionCheck(boundOf),
  overDenialCheck(OVER_DENIAL),
];
