// The leader is cut off with one follower in a minority while some clients keep calling
// the nodes on that side: they must never get a wrong answer. Then heal, and a second
// partition isolates the new leader alone.
import type { ScenarioPlan } from "../../plan.ts";
import { seededRandom } from "../../random.ts";

export function networkPartition(seed: number): ScenarioPlan {
  const random = seededRandom(seed).fork("network_partition");
  const first = random.int(2500, 3500);
  const second = first + 7500;
  return {
    name: "network_partition",
    description:
      "The leader and one follower are cut off from the majority for 5 s, then the new leader is isolated alone for 4 s; some clients stick to one node throughout.",
    seed,
    workload: {
      clients: 6,
      keys: 6,
      mix: { get: 4, put: 2, append: 4 },
      thinkMs: [30, 90],
      targeting: "leader",
      stickyClients: 3,
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
