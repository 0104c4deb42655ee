// Every leaky bucket scenario's checks, in report order (statement.md argues each one's
// soundness): the outflow, no span of the judge's clock holding more wholly-inside allowed
// requests on a key than one per drain interval it can meet; the queue, no allowed request
// waiting longer than a full queue drains, in settled fault-free stretches; and in steady
// stretches below the drain rate, requests go through.
import type { Check } from "../../harness/problem.ts";
import {
  overAdmissionCheck,
  overDenialCheck,
  rateRecordOf,
  wasAllowed,
  type AllowOp,
  type RateRecord,
  type RunBound,
} from "../../harness/rate-limit/index.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import { holds, inconclusive, violated } from "../../shared/check/property.ts";
import type { QueueLimit } from "./client.ts";
import { CLOCK_MARGIN_MS, CLOCK_RATE_SLACK, SETTLE_MS, WAIT_GRACE_MS } from "./limits.ts";

export const QUEUE_WAIT = "queue wait";

const intervalMs = (limit: QueueLimit) => 1000 / limit.drainPerSecond;

/**
 * ⌊(length·(1 + slack) + margin) / T⌋ + 1 with T = 1/drain: releases a whole drain interval
 * apart, however late a timer fires, fit that many in a span.
 */
export function outflowBound(limit: QueueLimit): RunBound {
  const t = intervalMs(limit);
  const bound = (fromMs: number, toMs: number) =>
    Math.floor(((toMs - fromMs) * (1 + CLOCK_RATE_SLACK) + CLOCK_MARGIN_MS) / t) + 1;
  return {
    bound,
    explain: (fromMs, toMs) =>
      `one per ${t.toFixed(1)} ms drain interval, and a span of ${((toMs - fromMs) / 1000).toFixed(3)} s meets ${bound(fromMs, toMs)}`,
  };
}

function limitOf(run: RunRecord<AllowOp>): QueueLimit | null {
  const limit = rateRecordOf(run)?.limit as QueueLimit | undefined;
  return limit && limit.drainPerSecond > 0 && limit.queueSize >= 0 ? limit : null;
}

/** Whether `op` began SETTLE_MS after every Configure was answered and every fault ended. */
function settled(op: AllowOp, run: RunRecord<AllowOp>, record: RateRecord): boolean {
  const endMs = op.endMs ?? run.endMs;
  for (const call of record.configures) {
    const sentMs = call.attempts[0]?.startMs ?? record.epochMs;
    if (sentMs > endMs) continue;
    if (call.answeredMs === null || op.startMs < call.answeredMs + SETTLE_MS) return false;
  }
  return run.faults.every(
    (f) => f.startMs > endMs || (f.endMs !== null && f.endMs + SETTLE_MS <= op.startMs),
  );
}

/**
 * The queue bound as the history shows it: a request allowed from a queue of at most
 * queue_size waited at most queue_size drain intervals, so in a settled fault-free stretch
 * its answer came within that plus WAIT_GRACE_MS of its invoke.
 */
export const queueWaitCheck: Check<AllowOp> = {
  name: QUEUE_WAIT,
  required: true,
  run(run) {
    const limit = limitOf(run);
    const record = rateRecordOf(run);
    if (!limit || !record)
      return inconclusive(QUEUE_WAIT, "The judge configured no limit: there is no queue to bound.");
    const most = limit.queueSize * intervalMs(limit) + WAIT_GRACE_MS;
    const judged = run.history.filter((op) => wasAllowed(op) && settled(op, run, record));
    if (judged.length === 0)
      return inconclusive(
        QUEUE_WAIT,
        "No request was allowed in a settled stretch with no fault in force: there is no wait to judge.",
      );
    const late = judged.filter((op) => (op.endMs as number) - op.startMs > most);
    if (late.length === 0)
      return holds(
        QUEUE_WAIT,
        `All ${judged.length} requests allowed in settled fault-free stretches were answered within ${most.toFixed(0)} ms.`,
      );
    const worst = late.reduce((a, b) =>
      (a.endMs as number) - a.startMs >= (b.endMs as number) - b.startMs ? a : b,
    );
    return violated(
      QUEUE_WAIT,
      `${late.length} allowed requests waited longer than a full queue drains (${limit.queueSize} × ${intervalMs(limit).toFixed(1)} ms + ${WAIT_GRACE_MS} ms), the longest ${((worst.endMs as number) - worst.startMs).toFixed(0)} ms: the queue held more than ${limit.queueSize}.`,
      late.slice(0, 8).map((op) => describeOperation(op, run.originMs)),
    );
  },
};

export const bucketChecks: readonly Check<AllowOp>[] = [
  overAdmissionCheck((run) => {
    const limit = limitOf(run);
    return limit ? outflowBound(limit) : "The judge configured no limit: there is no bound.";
  }),
  queueWaitCheck,
  overDenialCheck({ minShare: 0.9, settleMs: SETTLE_MS, minRequests: 30 }),
];
