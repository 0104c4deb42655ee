// One hot key saturated from every node, cold keys below the limit beside it (they must
// still get through), and bursts on keys homed at every node: a node that counts only the
// requests it received allows `limit` at each node.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { burstsOnEveryHome, LIMIT, NODES, steadyBelow, type WindowWorkload } from "./blocks.ts";

export function hotKey(seed: number): ScenarioPlan<WindowWorkload> {
  return {
    name: "hot_key",
    description:
      "No fault, 7.5 s: the key hot saturated by two clients pinned to each node; keys cold-0, cold-1 and cold-2 each get one client below the limit; bursts of 18 requests (6 to every node) on key-0, key-1 and key-2 at 2 s and 5 s.",
    seed,
    workload: {
      limit: LIMIT,
      streams: [
        ...NODES.map((node) => saturating("hot", 300, 7500, 2, [node])),
        ...["cold-0", "cold-1", "cold-2"].map((key) => steadyBelow(key, LIMIT, 300, 7500)),
      ],
      bursts: [...burstsOnEveryHome(2000, LIMIT), ...burstsOnEveryHome(5000, LIMIT)],
    },
    workloadMs: 7500,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
