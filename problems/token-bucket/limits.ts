// The numbers statement.md states and the checks hold nodes to.
import type { OverDenialLimits } from "../../harness/rate-limit/index.ts";

/**
 * How much faster the judge's clock may run than a node's: machines' clocks keep within
 * 100 ppm of each other; the bound allows ten times that on the refill.
 */
export const CLOCK_RATE_SLACK = 1e-3;

/**
 * A steady stream (plans/blocks.ts) has at most burst/2 clients on its key, together at most
 * half the refill rate: a correct bucket never denies one of them (statement.md). 90% leaves
 * room for designs other than the reference's, which denies none.
 */
export const OVER_DENIAL: OverDenialLimits = {
  minShare: 0.9,
  // ≥ 2·(clients + 1)/rate for every steady plan (statement.md, "Over-denial").
  settleMs: 1500,
  minRequests: 30,
};
