// Bursts where a window ends and the next begins: a full burst, another just before it
// leaves the window (all denied), another just after (the limit again), and the fixed-window
// pattern, a burst at the end of one aligned second and one at the start of the next.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { burstsOnEveryHome, LIMIT, type WindowWorkload } from "./blocks.ts";

export function edgeBursts(seed: number): ScenarioPlan<WindowWorkload> {
  const random = seededRandom(seed).fork("edge_bursts");
  const w = LIMIT.windowMs;
  const at = (ms: number, phase: number) => burstsOnEveryHome(ms, LIMIT, { windowMs: w, phase });
  const late = random.int(90, 97) / 100;
  const edges = [1, 1 + late, 2.06, 3 + late, 4.05, 6].map((s) => s * w);
  return {
    name: "edge_bursts",
    description: `No fault, 7 s: bursts of 18 requests on each of key-0, key-1 and key-2 (6 to every node) at ${edges.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} after the judge's time 0: a full burst, one while it is still in the window (all denied), one just after it left; then the end of one aligned second and the start of the next (the second denied); a client saturates the key hot meanwhile.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [saturating("hot", 500, 7000, 2)],
      bursts: [
        ...at(1000, 0),
        ...at(1000 + w * late - 50, late),
        ...at(2000 + 10, 0.06),
        ...at(3000 + w * late - 50, late),
        ...at(4000 + 10, 0.05),
        ...at(6000, 0),
      ],
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
