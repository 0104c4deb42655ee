// A leader emerges at start-up, keeps its followers with steady heartbeats while idle, and
// a new one takes over within 5 s when it is killed.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

export function leaderElection(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("leader_election");
  const killAt = random.int(6000, 7000);
  return {
    name: "leader_election",
    description:
      "Clients write from start-up, go quiet for 2.5 s (heartbeats are counted), then the leader is killed and later restarted.",
    seed,
    workload: {
      clients: 3,
      keys: 5,
      mix: { get: 3, put: 2, append: 5 },
      thinkMs: [50, 150],
      targeting: "leader",
    },
    workloadMs: 12000,
    idleWindows: [[3000, 5500]],
    faults: [
      { atMs: killAt, action: { kind: "kill", node: "leader", as: "old" } },
      { atMs: killAt + 3500, action: { kind: "start", node: "$old" } },
    ],
    recoveryMs: 3000,
  };
}
