// No fault: transfers and reads at the coordinator for 8 s. Every transaction whose votes are
// all YES commits here, so "all YES commits" has its evidence.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { TxnWorkload } from "../workload.ts";
import { RECOVERY_MS, TXN_CLIENTS } from "./clients.ts";

export function steady(seed: number): ScenarioPlan<TxnWorkload> {
  return {
    name: "steady",
    description:
      "Three clients send transfers and reads to the coordinator node-0 for 8 s, with no fault.",
    seed,
    workload: TXN_CLIENTS,
    workloadMs: 8000,
    faults: [],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
