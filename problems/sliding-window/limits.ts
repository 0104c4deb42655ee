// The numbers statement.md states and the checks hold nodes to.
import type { OverDenialLimits } from "../../harness/rate-limit/index.ts";

/**
 * What a node's reading of a span may differ from the judge's: a few ms of clock reading
 * (a node reading whole milliseconds is off by up to 1 at each end, the judge's stamps are
 * sub-millisecond), and how much faster one machine's clock may run than another's (within
 * 100 ppm; ten times that here).
 */
export const CLOCK_MARGIN_MS = 5;
export const CLOCK_RATE_SLACK = 1e-3;

/**
 * A steady stream (plans/blocks.ts) is one client per key pausing at least
 * windowMs/limit + 20 ms between requests: its decisions are that far apart, so no window
 * holds more than `limit` of them and a correct limiter denies none (statement.md). 90%
 * leaves room for a call that misses its deadline on a loaded machine.
 */
export const OVER_DENIAL: OverDenialLimits = {
  minShare: 0.9,
  // A node configured late allows nothing for a window: longer than every plan's window.
  settleMs: 1500,
  minRequests: 30,
};
