// One node cut off from the others for 3.5 s while clients at every node keep three keys
// saturated, one homed at each node by the reference (harness/rate-limit/scenarios.ts). The
// cluster as a whole must stay within each key's bucket: a side that cannot reach the key's
// home denies. A node that decides itself when the home does not answer admits a bucket of
// its own.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { partitionScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, type BucketWorkload } from "./limit.ts";

/** Keys the reference homes at node-0, node-1 and node-2 (tests/reference.test.ts). */
export const PARTITION_KEYS = ["p0", "p1", "p2"];

export const partition = (seed: number): ScenarioPlan<BucketWorkload> =>
  partitionScenario(seed, LIMIT, LIMIT_WORDS, PARTITION_KEYS);
