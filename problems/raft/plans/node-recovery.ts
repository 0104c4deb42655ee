// Crashes at any instant: a follower, then the leader, then every node at once. What was
// committed must survive in DATA_DIR, and no node may vote twice after a restart.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

export function nodeRecovery(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("node_recovery");
  const t = random.int(2000, 3000);
  return {
    name: "node_recovery",
    description:
      "A follower and then the leader are killed and restarted, then the whole cluster is killed and restarted while clients write.",
    seed,
    workload: {
      clients: 4,
      keys: 6,
      mix: { get: 3, put: 2, append: 5 },
      thinkMs: [30, 80],
      targeting: "leader",
    },
    workloadMs: t + 12000,
    idleWindows: [],
    faults: [
      { atMs: t, action: { kind: "kill", node: "follower", as: "a" } },
      { atMs: t + 2000, action: { kind: "kill", node: "leader", as: "b" } },
      { atMs: t + 4000, action: { kind: "start", node: "$a" } },
      { atMs: t + 5000, action: { kind: "start", node: "$b" } },
      { atMs: t + 7500, action: { kind: "kill-all" } },
      { atMs: t + 8500, action: { kind: "start-all" } },
    ],
    recoveryMs: 3000,
  };
}
