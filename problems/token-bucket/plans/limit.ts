// The limit most token bucket scenarios configure, and the workload type of their plans.
import type { RateWorkload } from "../../../harness/rate-limit/index.ts";
import type { BucketLimit } from "../client.ts";

export type BucketWorkload = RateWorkload<BucketLimit>;

/** 10 tokens, 10 per second: a steady stream below it sends at most 5 per second. */
export const LIMIT: BucketLimit = { burst: 10, refillPerSecond: 10 };

/** A steady stream's shape under LIMIT: 2 clients (≤ burst/2), 5 per second (≤ refill/2). */
export const STEADY_CLIENTS = 2;
export const STEADY_THINK_MS: [number, number] = [400, 600];
