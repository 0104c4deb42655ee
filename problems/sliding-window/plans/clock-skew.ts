// One node restarted with its clock (wall and monotonic) 20 s ahead or behind: a node that
// measures durations on its own clock is unaffected; one that compares times across nodes
// or across the restart is not. Steady keys, a saturated key and bursts after the restart.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { burstsOnEveryHome, LIMIT, NODES, steadyBelow, type WindowWorkload } from "./blocks.ts";

export const SKEW_MS = 20_000;

export function clockSkew(seed: number): ScenarioPlan<WindowWorkload> {
  const random = seededRandom(seed).fork("clock_skew");
  const skewed = NODES[random.int(0, 2)] as string;
  const skewMs = random.int(0, 1) ? SKEW_MS : -SKEW_MS;
  return {
    name: "clock_skew",
    description: `${skewed} is killed at 0.8 s and restarted at 1 s with its clock ${skewMs > 0 ? "20 s ahead" : "20 s behind"}; keys steady-0, steady-1 and steady-2 each get one client below the limit, the key hot is saturated, and bursts of 18 requests on key-0, key-1 and key-2 (6 to every node) come at 3 s and 3.5 s.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [
        ...["steady-0", "steady-1", "steady-2"].map((key) => steadyBelow(key, LIMIT, 200, 7500)),
        saturating("hot", 200, 7500, 2),
      ],
      bursts: [...burstsOnEveryHome(3000, LIMIT), ...burstsOnEveryHome(3500, LIMIT)],
    },
    workloadMs: 7500,
    faults: [
      { atMs: 800, action: { kind: "kill", node: skewed } },
      { atMs: 1000, action: { kind: "start", node: skewed, skewMs } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
