// One hot key saturated by six clients at random nodes (far above its limit, at every node)
// beside two cold keys under a steady load: the cluster as a whole may admit one bucket's
// worth on the hot key, and the cold keys must go through. A node deciding alone admits a
// bucket of its own; a refill counted twice admits several times the rate.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { saturating, steady } from "../../../harness/rate-limit/index.ts";
import { LIMIT, STEADY_CLIENTS, STEADY_THINK_MS, type BucketWorkload } from "./limit.ts";

export function hotKey(seed: number): ScenarioPlan<BucketWorkload> {
  return {
    name: "hot_key",
    description: `Six clients send on the key "hot" as fast as they are answered, at random nodes; two cold keys get ${STEADY_CLIENTS} steady clients each; no fault.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [
        saturating("hot", 0, 8000, 6),
        steady("cold-1", 0, 8000, STEADY_CLIENTS, STEADY_THINK_MS),
        steady("cold-2", 0, 8000, STEADY_CLIENTS, STEADY_THINK_MS),
      ],
      bursts: [],
    },
    workloadMs: 8000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
