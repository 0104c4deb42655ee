// {node-3, node-4} are cut off from {node-0, node-1, node-2}: the larger side elects node-2
// (two coordinators are allowed while cut), and after the heal node-4 must lead everyone.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function partitionHeal(seed: number): ScenarioPlan<PollWorkload> {
  const random = seededRandom(seed).fork("partition_heal");
  const cutAt = random.int(1500, 2000);
  const healAt = cutAt + random.int(3000, 3500);
  return {
    name: "partition_heal",
    description: `node-3 and node-4 are cut off from the other three at ${(cutAt / 1000).toFixed(1)} s and reconnected at ${(healAt / 1000).toFixed(1)} s: node-4 must be named by every node within 3 s of the heal.`,
    seed,
    workload: POLL_CLIENTS,
    workloadMs: healAt + 3600,
    faults: [
      {
        atMs: cutAt,
        action: { kind: "partition", groups: [["node-3", "node-4"], ["others"]] },
      },
      { atMs: healAt, action: { kind: "heal" } },
    ],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
