// One hot key saturated at every node beside two steady cold keys (harness/rate-limit/
// scenarios.ts): the cluster as a whole may admit one bucket's worth on the hot key, and the
// cold keys must go through. A node deciding alone admits a bucket of its own; a refill
// counted twice admits several times the rate.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { hotKeyScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, STEADY, type BucketWorkload } from "./limit.ts";

export const hotKey = (seed: number): ScenarioPlan<BucketWorkload> =>
  hotKeyScenario(seed, LIMIT, LIMIT_WORDS, STEADY);
