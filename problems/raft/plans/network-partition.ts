// The leader is cut off with one follower in a minority while some clients keep calling
// the nodes on that side: they must never get a wrong answer. Then heal, and a second
// partition isolates the new leader alone.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

export function networkPartition(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("network_partition");
  const first = random.int(2500, 3500);
  const second = first + 7500;
  return {
    name: "network_partition",
    description:
      "The leader and one follower are cut off from the majority for 5 s, then the new leader is isolated alone for 4 s; one client sticks to each node throughout.",
    seed,
    // One sticky client per node, so whichever node leads, one keeps calling it when it is
    // cut off; three more follow the leader and write on the majority's side.
    workload: {
      clients: 8,
      keys: 4,
      mix: { get: 5, put: 2, append: 3 },
      thinkMs: [20, 60],
      targeting: "leader",
      stickyClients: 5,
    },
    workloadMs: second + 5000,
    idleWindows: [],
    faults: [
      { atMs: first, action: { kind: "partition", groups: [["leader", "follower"], ["others"]] } },
      { atMs: first + 5000, action: { kind: "heal" } },
      { atMs: second, action: { kind: "partition", groups: [["leader"], ["others"]] } },
      { atMs: second + 4000, action: { kind: "heal" } },
    ],
    recoveryMs: 3000,
  };
}
