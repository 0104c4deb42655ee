// Adds at every node while node links are cut: first one node alone, healed, then another.
// Each side keeps answering (availability) and the sides agree once healed (convergence).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { CounterWorkload } from "../workload.ts";
import { COUNTER_CLIENTS } from "./workload.ts";

export function partitionedAdds(seed: number): ScenarioPlan<CounterWorkload> {
  const random = seededRandom(seed).fork("partitioned_adds");
  const first = random.int(1000, 1500);
  const second = random.int(4200, 4700);
  const [alone, later] = random.int(0, 1) ? ["node-0", "node-2"] : ["node-2", "node-1"];
  return {
    name: "partitioned_adds",
    description: `Three clients add and read at random nodes; ${alone} is cut off from the others for 2.5 s, then, after a heal, ${later} until the end.`,
    seed,
    workload: COUNTER_CLIENTS,
    workloadMs: 7500,
    faults: [
      { atMs: first, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: first + 2500, action: { kind: "heal" } },
      { atMs: second, action: { kind: "partition", groups: [[later], ["others"]] } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
