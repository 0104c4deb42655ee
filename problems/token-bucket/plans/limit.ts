// The limit most token bucket scenarios configure, the workload type of their plans, and
// their steady streams' shape.
import type { RateWorkload, SteadyShape } from "../../../harness/rate-limit/index.ts";
import type { BucketLimit } from "../client.ts";

export type BucketWorkload = RateWorkload<BucketLimit>;

/** 10 tokens, 10 per second. */
export const LIMIT: BucketLimit = { burst: 10, refillPerSecond: 10 };
export const LIMIT_WORDS = "a bucket of 10 tokens, refilled at 10 per second";

/** Two clients (≤ burst/2) pausing at least 400 ms: at most 5 per second (≤ refill/2). */
export const STEADY: SteadyShape = { clients: 2, thinkMs: [400, 600] };
