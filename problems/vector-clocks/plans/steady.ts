// No faults: events, sends and compares at every node, many of them concurrent. Every message
// arrives, so the judge rebuilds happens-before whole and judges concurrency too.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { ClockWorkload } from "../workload.ts";
import { CLOCK_CLIENTS } from "./workload.ts";

export function steady(seed: number): ScenarioPlan<ClockWorkload> {
  return {
    name: "steady",
    description:
      "Three clients record events, send messages and compare clocks at random nodes, with no faults.",
    seed,
    workload: CLOCK_CLIENTS,
    workloadMs: 6000,
    faults: [],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
