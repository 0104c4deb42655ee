// The numbers statement.md states and the checks hold nodes to.
import type { OverDenialLimits } from "../../harness/rate-limit/index.ts";

/**
 * How much a node's clock may run faster or slower than the judge's: machines' clocks keep
 * within 100 ppm of each other; the windows' placement allows ten times that.
 */
export const CLOCK_RATE_SLACK = 1e-3;

/**
 * A steady stream (plans) sends at most limit/2 requests in any window: a correct limiter
 * never denies one of them (statement.md). 90% leaves room for designs other than the
 * reference's, which denies none.
 */
export const OVER_DENIAL: OverDenialLimits = {
  minShare: 0.9,
  // More than a window and the configuration's spread: a node configured late admits from
  // its next window (statement.md, "Over-denial"); every steady plan's window is 1 s.
  settleMs: 1500,
  minRequests: 30,
};
