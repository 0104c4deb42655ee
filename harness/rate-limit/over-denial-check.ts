// The over-denial check every rate limiter shares: in a fault-free steady stretch, where the
// plan keeps a key's load well below its limit (RateStream.steady), at least a stated share
// of the requests must be allowed. Judged only where no fault was in force (nor had just
// ended) and every node had answered its latest Configure long enough before: elsewhere a
// correct limiter may deny to stay safe.
import { describeOperation } from "../operation.ts";
import type { Check } from "../problem.ts";
import type { RunRecord } from "../run-record.ts";
import { holds, inconclusive, violated } from "../../shared/check/property.ts";
import { rateRecordOf, type RateRecord } from "./configure.ts";
import { wasAllowed, type AllowOp } from "./operation.ts";

export const OVER_DENIAL = "over-denial";

export interface OverDenialLimits {
  /** The least share of judged requests that must be allowed. */
  minShare: number;
  /**
   * A request is judged only from this long after every node's latest configuration was
   * answered, and after the end of every fault (a bucket refills, a window passes).
   */
  settleMs: number;
  /** Fewer judged requests than this: inconclusive. */
  minRequests: number;
}

/** Whether `op` lies in a settled, fault-free stretch. */
function judged(
  op: AllowOp,
  run: RunRecord<AllowOp>,
  record: RateRecord,
  settleMs: number,
): boolean {
  if (!op.steady) return false;
  const endMs = op.endMs ?? run.endMs;
  for (const call of record.configures) {
    const sentMs = call.attempts[0]?.startMs ?? record.epochMs;
    if (sentMs > endMs) continue;
    if (call.answeredMs === null || op.startMs < call.answeredMs + settleMs) return false;
  }
  return run.faults.every(
    (f) => f.startMs > endMs || (f.endMs !== null && f.endMs + settleMs <= op.startMs),
  );
}

const EXCERPT_MAX = 8;

export function overDenialCheck(limits: OverDenialLimits): Check<AllowOp> {
  return {
    name: OVER_DENIAL,
    // Only steady scenarios have such stretches; there this check's evidence is plentiful.
    required: false,
    run(run) {
      const record = rateRecordOf(run);
      if (!record) return inconclusive(OVER_DENIAL, "The judge configured no node.");
      // An unanswered request says nothing of a denial (a lost answer, the judge's deadline on
      // a slow machine): only the node's answers are judged.
      const ops = run.history.filter(
        (op) => op.outcome === "ok" && judged(op, run, record, limits.settleMs),
      );
      if (ops.length < limits.minRequests)
        return inconclusive(
          OVER_DENIAL,
          `Only ${ops.length} requests of a steady stretch were answered with no fault in force and every node configured: fewer than the ${limits.minRequests} judged.`,
        );
      const allowed = ops.filter(wasAllowed).length;
      const share = allowed / ops.length;
      const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
      const said = `${allowed} of ${ops.length} requests (${pct(share)}) of the steady stretches, kept well below the limit with no fault in force, were allowed`;
      if (share >= limits.minShare) return holds(OVER_DENIAL, `${said}.`);
      return violated(
        OVER_DENIAL,
        `${said}: fewer than the ${pct(limits.minShare)} a correct limiter allows there.`,
        ops
          .filter((op) => !wasAllowed(op))
          .slice(0, EXCERPT_MAX)
          .map((op) => describeOperation(op, run.originMs)),
      );
    },
  };
}
