// The limit every leaky bucket scenario configures, and the shapes its plans share: each key
// drains 10 requests a second with up to 4 waiting (400 ms at most, well inside the judge's
// 2 s call deadline), and a steady client pauses longer than an interval, so it never waits.
import type { RateWorkload, SteadyShape } from "../../../harness/rate-limit/index.ts";
import type { QueueLimit } from "../client.ts";

export type QueueWorkload = RateWorkload<QueueLimit>;

export const LIMIT: QueueLimit = { drainPerSecond: 10, queueSize: 4 };
export const LIMIT_WORDS = "10 per second drained, 4 waiting at most";

/** One client per steady key, pausing at least an interval + 20 ms. */
export const STEADY: SteadyShape = { clients: 1, thinkMs: [120, 180] };

/** Keys the reference homes at node-0, node-1 and node-2 (tests/plans.test.ts). */
export const HOMED_KEYS = ["key-0", "key-1", "key-2"];
