// One hot key saturated at every node beside two steady cold keys (harness/rate-limit/
// scenarios.ts): the cluster as a whole may admit `limit` per window on the hot key, and the
// cold keys must go through. A node deciding alone admits a limit of its own.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { hotKeyScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, STEADY, type WindowWorkload } from "./limit.ts";

export const hotKey = (seed: number): ScenarioPlan<WindowWorkload> =>
  hotKeyScenario(seed, LIMIT, LIMIT_WORDS, STEADY);
