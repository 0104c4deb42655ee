// Many clients on few keys, no faults: writes from ten sessions interleave at the head and
// every read at the tail must fit one order.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { CHAIN_CLIENTS } from "./clients.ts";

export function concurrentClients(seed: number): ScenarioPlan<KvWorkload> {
  return {
    name: "concurrent_clients",
    description: "Ten clients read and write three keys for 8 s, with no faults.",
    seed,
    workload: { ...CHAIN_CLIENTS, clients: 10, keys: 3, thinkMs: [10, 40] },
    workloadMs: 8000,
    idleWindows: [],
    faults: [],
    recoveryMs: 2000,
  };
}
