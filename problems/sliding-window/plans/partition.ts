// One node cut off from the others while clients saturate keys on both sides: in the
// consistent mode the node alone decides only the keys it is home to and denies the rest,
// so the cluster still allows at most `limit` per window. A burst during the cut sends
// limit + 1 requests of each homed key to the lone node and to each of the others.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { burstsOnEveryHome, HOMED_KEYS, LIMIT, NODES, type WindowWorkload } from "./blocks.ts";

export function partition(seed: number): ScenarioPlan<WindowWorkload> {
  const random = seededRandom(seed).fork("partition");
  const alone = NODES[random.int(0, 2)] as string;
  const cutAt = random.int(1200, 1600);
  const healAt = cutAt + 3500;
  return {
    name: "partition",
    description: `${alone} is cut off from the other nodes from ${(cutAt / 1000).toFixed(1)} s for 3.5 s (the judge still reaches every node); key-0, key-1 and key-2 are each saturated by a client pinned to every node; bursts of 18 requests on each (6 to every node) at 1 s after the cut and 2.5 s after it.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: HOMED_KEYS.flatMap((key) =>
        NODES.map((node) => saturating(key, 300, 7000, 1, [node])),
      ),
      bursts: [
        ...burstsOnEveryHome(cutAt + 1000, LIMIT),
        ...burstsOnEveryHome(cutAt + 2500, LIMIT),
      ],
    },
    workloadMs: 7000,
    faults: [
      { atMs: cutAt, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: healAt, action: { kind: "heal" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
