// The scenarios every rate limiter runs alike (harness/rate-limit/scenarios.ts), with this
// problem's limit, steady shape and homed keys.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import {
  clockSkewScenario,
  hotKeyScenario,
  partitionScenario,
  steadyScenario,
} from "../../../harness/rate-limit/scenarios.ts";
import { burst } from "../../../harness/rate-limit/plan-blocks.ts";
import { HOMED_KEYS, LIMIT, LIMIT_WORDS, STEADY, type QueueWorkload } from "./limit.ts";

export const steady = (seed: number): ScenarioPlan<QueueWorkload> =>
  steadyScenario(seed, LIMIT, LIMIT_WORDS, ["s0", "s1", "s2", "s3", "s4"], STEADY);

export const hotKey = (seed: number): ScenarioPlan<QueueWorkload> =>
  hotKeyScenario(seed, LIMIT, LIMIT_WORDS, STEADY);

/**
 * The family's partition (one node cut off from 2 s to 5.5 s, three keys homed one at each
 * node saturated at random nodes) with a burst of 30 on each key a second into the cut: the
 * lone node gets 10 of each at once, and for the two keys homed across the cut it must deny
 * them all, while the home drains its own queue at the full rate.
 */
export function partition(seed: number): ScenarioPlan<QueueWorkload> {
  const plan = partitionScenario(seed, LIMIT, LIMIT_WORDS, HOMED_KEYS);
  return {
    ...plan,
    description: `${plan.description} At 3 s, 30 requests at once on each key, 10 to every node.`,
    workload: {
      ...plan.workload,
      bursts: HOMED_KEYS.map((key) => burst(key, 3000, 30)),
    },
  };
}

export const clockSkew = (seed: number): ScenarioPlan<QueueWorkload> =>
  clockSkewScenario(seed, LIMIT, LIMIT_WORDS, STEADY);
