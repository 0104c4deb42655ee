// Bursts far above the queue on idle keys, once every node is configured and long after any
// fault: a correct home lets one request out at once, queues 4 more (out 100 ms apart, the
// last within 400 ms) and refuses the rest at once. A queue with no bound, or releases spaced
// from the wrong moment or in the wrong unit, shows here.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { HOMED_KEYS, LIMIT, type QueueWorkload } from "./limit.ts";

export function bursts(seed: number): ScenarioPlan<QueueWorkload> {
  return {
    name: "bursts",
    description:
      "No fault, 7 s: 30 requests at once (10 to every node) on each of key-0, key-1 and key-2 at 2.5 s and again at 5 s; a client saturates the key hot throughout.",
    seed,
    workload: {
      limit: LIMIT,
      streams: [saturating("hot", 0, 7000, 1)],
      bursts: [2500, 5000].flatMap((atMs) => HOMED_KEYS.map((key) => burst(key, atMs, 30))),
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
