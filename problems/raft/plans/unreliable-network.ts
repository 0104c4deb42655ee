// Every link, the clients' too, drops some calls, loses the answers of others and delays
// the rest: a retried operation must not apply twice, and the cluster must make progress.
// Few puts: a put overwrites a key, and with it the trace of an append applied twice.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";

export function unreliableNetwork(seed: number): ScenarioPlan<KvWorkload> {
  return {
    name: "unreliable_network",
    description:
      "For 10 s every link drops 10% of calls, loses the answers of 15% and delays the rest by 10–50 ms; then it heals.",
    seed,
    workload: {
      clients: 5,
      keys: 6,
      mix: { get: 4, put: 1, append: 5 },
      thinkMs: [20, 80],
      targeting: "leader",
    },
    workloadMs: 12000,
    idleWindows: [],
    faults: [
      {
        atMs: 1000,
        action: {
          kind: "flaky",
          dropProbability: 0.1,
          loseAnswerProbability: 0.15,
          delayMs: 30,
          jitterMs: 20,
          clients: true,
        },
      },
      { atMs: 11000, action: { kind: "heal" } },
    ],
    recoveryMs: 3000,
  };
}
