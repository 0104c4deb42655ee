// Five keys, each under a steady load at half its limit, no fault: every request should go
// through. The reference homes all five at node-1 (tests/reference.test.ts): a node with one
// bucket for every key sees more than 15 requests per second against a refill of 10, and
// must deny about a third of them.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { steady as steadyStream } from "../../../harness/rate-limit/index.ts";
import { LIMIT, STEADY_CLIENTS, STEADY_THINK_MS, type BucketWorkload } from "./limit.ts";

/** Keys the reference homes at one node. */
export const STEADY_KEYS = ["user-1", "user-2", "user-4", "user-10", "user-13"];

export function steady(seed: number): ScenarioPlan<BucketWorkload> {
  return {
    name: "steady",
    description: `Five keys, each with ${STEADY_CLIENTS} clients sending at most 5 requests per second in all (the bucket: ${LIMIT.burst} tokens, ${LIMIT.refillPerSecond} per second), at random nodes, no fault.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: STEADY_KEYS.map((key) =>
        steadyStream(key, 0, 8000, STEADY_CLIENTS, STEADY_THINK_MS),
      ),
      bursts: [],
    },
    workloadMs: 8000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
