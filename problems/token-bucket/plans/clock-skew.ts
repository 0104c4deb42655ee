// One node killed and restarted with its clock (wall and monotonic) several seconds off
// while a hot key is saturated and two cold keys run steady: nothing may change, since a
// node measures durations on its own clock and compares no time with another node's.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { saturating, steady } from "../../../harness/rate-limit/index.ts";
import { LIMIT, STEADY_CLIENTS, STEADY_THINK_MS, type BucketWorkload } from "./limit.ts";

export function clockSkew(seed: number): ScenarioPlan<BucketWorkload> {
  const random = seededRandom(seed).fork("clock_skew");
  const node = random.pick(["node-0", "node-1", "node-2"]);
  const skewMs = random.pick([-1, 1]) * random.int(3000, 9000);
  return {
    name: "clock_skew",
    description: `Four clients saturate "hot" and two cold keys run steady; ${node} is killed at 1 s and started at 1.5 s with its clock ${Math.abs(skewMs)} ms ${skewMs > 0 ? "ahead" : "behind"}.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [
        saturating("hot", 0, 8000, 4),
        steady("cold-1", 0, 8000, STEADY_CLIENTS, STEADY_THINK_MS),
        steady("cold-2", 0, 8000, STEADY_CLIENTS, STEADY_THINK_MS),
      ],
      bursts: [],
    },
    workloadMs: 8000,
    faults: [
      { atMs: 1000, action: { kind: "kill", node } },
      { atMs: 1500, action: { kind: "start", node, skewMs } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
