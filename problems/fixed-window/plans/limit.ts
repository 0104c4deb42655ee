// The limit most fixed window scenarios configure, the workload type of their plans, and
// their steady streams' shape.
import type { RateWorkload, SteadyShape } from "../../../harness/rate-limit/index.ts";
import type { WindowLimit } from "../client.ts";

export type WindowWorkload = RateWorkload<WindowLimit>;

/** 10 requests per key in each window of 1 s. */
export const LIMIT: WindowLimit = { limit: 10, windowMs: 1000 };
export const LIMIT_WORDS = "10 requests per key in each window of 1 s";

/** One client pausing at least 250 ms: at most 1 + 1000/250 = 5 in any window (≤ limit/2). */
export const STEADY: SteadyShape = { clients: 1, thinkMs: [250, 300] };
