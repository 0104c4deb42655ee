// One node cut off from the others for 3.5 s while clients at every node keep three keys
// saturated (with the reference's homes, one key homed at each node: whichever node is cut
// off, one key's home is alone and the two others cannot reach it). The cluster as a whole
// must stay within each key's bucket: a side that cannot reach the key's decider denies. A
// node that decides itself when the home does not answer admits a bucket of its own.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { saturating } from "../../../harness/rate-limit/index.ts";
import { LIMIT, type BucketWorkload } from "./limit.ts";

/** Keys the reference homes at node-0, node-1 and node-2 (tests/reference.test.ts). */
export const PARTITION_KEYS = ["p0", "p1", "p2"];

export function partition(seed: number): ScenarioPlan<BucketWorkload> {
  const alone = seededRandom(seed).fork("partition").pick(["node-0", "node-1", "node-2"]);
  return {
    name: "partition",
    description: `Three clients per key keep ${PARTITION_KEYS.join(", ")} saturated at random nodes; ${alone} is cut off from the other nodes from 2 s to 5.5 s (clients still reach it).`,
    seed,
    workload: {
      limit: LIMIT,
      streams: PARTITION_KEYS.map((key) => saturating(key, 0, 8000, 3)),
      bursts: [],
    },
    workloadMs: 8000,
    faults: [
      { atMs: 2000, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: 5500, action: { kind: "heal" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
