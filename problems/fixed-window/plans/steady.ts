// Five keys, each under a steady load at most half its limit, no fault: every request should
// go through. The reference homes all five at node-1 (tests/reference.test.ts): a node with
// one count for every key sees at least 15 requests per window against a limit of 10, and
// must deny a third of them.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { steadyScenario } from "../../../harness/rate-limit/scenarios.ts";
import { LIMIT, LIMIT_WORDS, STEADY, type WindowWorkload } from "./limit.ts";

/** Keys the reference homes at one node. */
export const STEADY_KEYS = ["user-1", "user-2", "user-4", "user-10", "user-13"];

export const steady = (seed: number): ScenarioPlan<WindowWorkload> =>
  steadyScenario(seed, LIMIT, LIMIT_WORDS, STEADY_KEYS, STEADY);
