// Steady writes through the leader; a follower is killed, misses entries, and must catch
// up after its restart, while every answer comes within the deadline.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

export function logReplication(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("log_replication");
  const killAt = random.int(2500, 3500);
  return {
    name: "log_replication",
    description:
      "Five clients write steadily; a follower is killed for 3 s and must catch up after it restarts.",
    seed,
    workload: {
      clients: 5,
      keys: 8,
      mix: { get: 3, put: 2, append: 5 },
      thinkMs: [20, 60],
      targeting: "leader",
    },
    workloadMs: 10000,
    idleWindows: [],
    faults: [
      { atMs: killAt, action: { kind: "kill", node: "follower", as: "lagging" } },
      { atMs: killAt + 3000, action: { kind: "start", node: "$lagging" } },
    ],
    recoveryMs: 3000,
  };
}
