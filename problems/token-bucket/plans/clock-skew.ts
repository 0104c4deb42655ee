// One node killed and restarted with its clock (wall and monotonic) several seconds off while
// a hot key is saturated and two cold keys run steady (harness/rate-limit/scenarios.ts):
// nothing may change, since a node measures durations on its own clock and compares no time
// with another node's.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { clockSkewScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, STEADY, type BucketWorkload } from "./limit.ts";

export const clockSkew = (seed: number): ScenarioPlan<BucketWorkload> =>
  clockSkewScenario(seed, LIMIT, LIMIT_WORDS, STEADY);
