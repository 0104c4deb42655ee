// One node killed and restarted with its clock (wall and monotonic) several seconds off while
// a hot key is saturated and two cold keys run steady (harness/rate-limit/scenarios.ts): the
// restarted node places the run's windows from elapsed_ms on its own clock, and compares no
// time with another node's.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { clockSkewScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, STEADY, type WindowWorkload } from "./limit.ts";

export const clockSkew = (seed: number): ScenarioPlan<WindowWorkload> =>
  clockSkewScenario(seed, LIMIT, LIMIT_WORDS, STEADY);
