// No fault: node-0's and node-1's clients ask again at once, node-2's rarely. With Lamport
// clocks node-2's requests carry timestamps past everything it heard of; a clock that does
// not advance on receive gives it small ones, out of order with the entries before it.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { MutexWorkload } from "../workload.ts";
import { STEADY_CLIENTS } from "./workload.ts";

export function steady(seed: number): ScenarioPlan<MutexWorkload> {
  return {
    name: "steady",
    description:
      "No faults: one client per node acquires, holds 20–50 ms and releases; node-0's and node-1's clients ask again within 30 ms, node-2's after 600–900 ms.",
    seed,
    workload: STEADY_CLIENTS,
    workloadMs: 7000,
    faults: [],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
