// Clients send every new operation to a random node: followers must answer NOT_LEADER
// with the real leader's name, and never apply what they refused.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

export function clientRedirect(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("client_redirect");
  const killAt = random.int(3500, 4500);
  return {
    name: "client_redirect",
    description:
      "Clients start each operation at a random node and follow leader hints; the leader is killed midway so hints must change.",
    seed,
    workload: {
      clients: 5,
      keys: 6,
      mix: { get: 4, put: 2, append: 4 },
      thinkMs: [30, 90],
      targeting: "random",
    },
    workloadMs: 9000,
    idleWindows: [],
    faults: [
      { atMs: killAt, action: { kind: "kill", node: "leader", as: "old" } },
      { atMs: killAt + 2500, action: { kind: "start", node: "$old" } },
    ],
    recoveryMs: 3000,
  };
}
