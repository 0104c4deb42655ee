// Every fixed window scenario's checks, in report order (statement.md argues each one's
// soundness): no stretch of the judge's clock holds more wholly-inside allowed requests on a
// key than `limit` times the windows it can meet, each window placed anywhere its nodes may
// have placed it; in fault-free steady stretches below the limit, requests go through.
import type { Check } from "../../harness/problem.ts";
import {
  overAdmissionCheck,
  overDenialCheck,
  placementSpreadMs,
  rateRecordOf,
  type AllowOp,
  type RunBound,
} from "../../harness/rate-limit/index.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import type { WindowLimit } from "./client.ts";
import { CLOCK_RATE_SLACK, OVER_DENIAL } from "./limits.ts";

/**
 * limit × the windows [t1, t2] can meet: window k starts at a node somewhere in [epoch +
 * k·W − drift, epoch + k·W + spread + drift] of the judge's clock (spread: the configuration's
 * uncertainty; drift: the clock-rate slack over the time since epoch) and lasts W.
 */
export function windowBound(limit: WindowLimit, epochMs: number, spreadMs: number): RunBound {
  const w = limit.windowMs;
  const windowsMet = (fromMs: number, toMs: number) => {
    const drift = CLOCK_RATE_SLACK * Math.max(0, toMs - epochMs);
    const last = Math.floor((toMs - epochMs + drift) / w);
    const first = Math.max(0, Math.floor((fromMs - epochMs - spreadMs - drift) / w));
    return { first, count: Math.max(0, last - first + 1) };
  };
  return {
    bound: (fromMs, toMs) => limit.limit * windowsMet(fromMs, toMs).count,
    explain(fromMs, toMs) {
      const { first, count } = windowsMet(fromMs, toMs);
      const which = count === 1 ? `window ${first}` : `windows ${first}–${first + count - 1}`;
      return `${limit.limit} per window × ${count} (it can meet ${which}, each ${w} ms from the judge's first Configure, placed up to ${spreadMs.toFixed(1)} ms late) = ${limit.limit * count}`;
    },
  };
}

function boundOf(run: RunRecord<AllowOp>): RunBound | string {
  const record = rateRecordOf(run);
  const limit = record?.limit as WindowLimit | undefined;
  if (!record || !limit || !(limit.limit > 0) || !(limit.windowMs > 0))
    return "The judge configured no limit: there is no bound to hold the answers to.";
  return windowBound(limit, record.epochMs, placementSpreadMs(record));
}

export const windowChecks: readonly Check<AllowOp>[] = [
  overAdmissionCheck(boundOf),
  overDenialCheck(OVER_DENIAL),
];
