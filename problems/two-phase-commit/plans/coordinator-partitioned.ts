// node-1 cut off from the coordinator (and node-2) for 3 s while clients keep sending: the
// coordinator gets no vote from node-1 and must abort, never commit on node-2's YES alone.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { TxnWorkload } from "../workload.ts";
import { RECOVERY_MS, TXN_CLIENTS } from "./clients.ts";

export function coordinatorPartitioned(seed: number): ScenarioPlan<TxnWorkload> {
  const cutAt = seededRandom(seed).fork("coordinator_partitioned").int(2000, 3000);
  return {
    name: "coordinator_partitioned",
    description:
      "Three clients send transfers and reads to node-0; node-1 is cut off from node-0 and node-2 for 3 s, then the network heals.",
    seed,
    workload: TXN_CLIENTS,
    workloadMs: cutAt + 6000,
    faults: [
      { atMs: cutAt, action: { kind: "partition", groups: [["node-0", "node-2"], ["node-1"]] } },
      { atMs: cutAt + 3000, action: { kind: "heal" } },
    ],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
