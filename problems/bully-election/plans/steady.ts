// No fault: the start-up election, then eight quiet seconds. node-4 must win and every node
// name it, and stay named.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function steady(seed: number): ScenarioPlan<PollWorkload> {
  return {
    name: "steady",
    description:
      "Every node starts at once and elects; three clients poll random nodes for 8 s with no fault: node-4 must be named by every node.",
    seed,
    workload: POLL_CLIENTS,
    workloadMs: 8000,
    faults: [],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
