// No fault: three keys each with one client kept below the limit (the over-denial stretch),
// beside a key saturated from every node.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { LIMIT, steadyBelow as steadyStream, type WindowWorkload } from "./blocks.ts";

export function steady(seed: number): ScenarioPlan<WindowWorkload> {
  return {
    name: "steady",
    description:
      "No fault, 7.5 s: keys steady-0, steady-1 and steady-2 each get one client pausing 220–280 ms between requests (below 5 per second), while three clients saturate the key hot at random nodes.",
    seed,
    workload: {
      limit: LIMIT,
      streams: [
        ...["steady-0", "steady-1", "steady-2"].map((key) => steadyStream(key, LIMIT, 200, 7500)),
        saturating("hot", 200, 7500, 3),
      ],
      bursts: [],
    },
    workloadMs: 7500,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
