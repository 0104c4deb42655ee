// The shapes the sliding window plans share beside the family's (harness/rate-limit): the
// limit, bursts that reach every node on keys whose homes (under the reference's hash) are
// node-0, node-1 and node-2, and steady streams a correct limiter never denies.
import type { RateBurst, RateStream, RateWorkload } from "../../../harness/rate-limit/index.ts";
import { steady } from "../../../harness/rate-limit/plan-blocks.ts";
import type { WindowLimit } from "../client.ts";

export type WindowWorkload = RateWorkload<WindowLimit>;

export const NODES = ["node-0", "node-1", "node-2"];

/** The limit most scenarios configure: 5 requests per key in any second. */
export const LIMIT: WindowLimit = { limit: 5, windowMs: 1000 };

/**
 * Keys whose home is node-0, node-1 and node-2 under the reference's hash (home.ts): a burst
 * on all three reaches, whatever node a fault picks, a key that node decides and keys it
 * does not. The judge's checks do not depend on it; the mutants' catch does.
 */
export const HOMED_KEYS = ["key-0", "key-1", "key-2"];

/**
 * 3·(limit + 1) requests on each homed key at once, once every node is configured, to the
 * nodes in turn: each node gets limit + 1 of each key, so a node deciding alone can allow
 * `limit` of them, and one that counts one too many, limit + 1.
 */
export function burstsOnEveryHome(
  atMs: number,
  limit: WindowLimit,
  align?: RateBurst["align"],
): RateBurst[] {
  return HOMED_KEYS.map((key) => ({
    key,
    atMs,
    requests: 3 * (limit.limit + 1),
    whenConfigured: true,
    ...(align && { align }),
  }));
}

/**
 * One client on `key` pausing at least windowMs/limit + 20 ms after each answer: its
 * decisions are that far apart, so no window holds more than `limit` of them (statement.md,
 * "Over-denial"), and the over-denial check judges it.
 */
export function steadyBelow(
  key: string,
  limit: WindowLimit,
  fromMs: number,
  toMs: number,
): RateStream {
  const least = Math.ceil(limit.windowMs / limit.limit) + 20;
  return steady(key, fromMs, toMs, 1, [least, least + 60]);
}
