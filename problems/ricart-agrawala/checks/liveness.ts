// No deadlock: with no fault in force (and SETTLE_MS after the last one), every acquire is
// granted within GRANT_WITHIN_MS, once the nodes have had STARTUP_GRACE_MS to start listening.
// An acquire never granted counts to the client's last wait.
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { describeOperation } from "../../../harness/operation.ts";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import type { MutexOp } from "../client.ts";
import { GRANT_WITHIN_MS, SETTLE_MS, STARTUP_GRACE_MS } from "../limits.ts";

const PROPERTY = "liveness";

/** Where the clean stretch of [startMs, endMs] begins, or null when it has none. */
export function cleanFrom(
  faults: readonly FaultWindow[],
  startMs: number,
  endMs: number,
): number | null {
  let from = startMs;
  for (const w of faults) {
    if (w.startMs >= endMs) continue;
    from = Math.max(from, (w.endMs ?? Infinity) + SETTLE_MS);
  }
  return from < endMs ? from : null;
}

export function checkLiveness(run: RunRecord<MutexOp>): PropertyResult {
  let measured = 0;
  let slowest = 0;
  for (const op of run.history) {
    if (op.f !== "acquire" || op.outcome === "fail") continue;
    const endMs =
      op.outcome === "ok" ? (op.endMs ?? run.endMs) : (op.attempts.at(-1)?.endMs ?? run.endMs);
    const from = cleanFrom(
      run.faults,
      Math.max(op.startMs, run.originMs + STARTUP_GRACE_MS),
      endMs,
    );
    if (from === null) continue;
    measured++;
    const waited = endMs - from;
    slowest = Math.max(slowest, waited);
    if (waited > GRANT_WITHIN_MS) {
      const what =
        op.outcome === "ok"
          ? `was granted only ${(waited / 1000).toFixed(1)} s after`
          : `was still not granted ${(waited / 1000).toFixed(1)} s after`;
      const since =
        from === op.startMs
          ? "it was sent"
          : from === run.originMs + STARTUP_GRACE_MS
            ? `the start-up grace ended (${STARTUP_GRACE_MS / 1000} s)`
            : `the last fault ended (+${SETTLE_MS / 1000} s)`;
      return violated(
        PROPERTY,
        `${op.client}'s acquire at ${op.key} ${what} ${since} at ${secondsSince(run.originMs, from)}, with no fault in force; the bound is ${GRANT_WITHIN_MS / 1000} s (a deadlock, or a deferred reply never sent)`,
        [describeOperation(op, run.originMs)],
      );
    }
  }
  if (measured === 0)
    return inconclusive(PROPERTY, "no acquire waited while no fault was in force");
  return holds(
    PROPERTY,
    `${measured} acquires waited with no fault in force, the slowest ${Math.round(slowest)} ms (bound ${GRANT_WITHIN_MS} ms)`,
  );
}
