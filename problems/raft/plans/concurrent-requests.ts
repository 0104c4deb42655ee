// Many clients contend on a few keys with no faults: ordering, duplicate suppression and
// reads must stay linearizable under load.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";

export function concurrentRequests(seed: number): ScenarioPlan<KvWorkload> {
  return {
    name: "concurrent_requests",
    description: "Ten clients hammer three keys with appends, puts and reads, with no faults.",
    seed,
    workload: {
      clients: 10,
      keys: 3,
      mix: { get: 4, put: 1, append: 5 },
      thinkMs: [0, 20],
      targeting: "leader",
    },
    workloadMs: 8000,
    idleWindows: [],
    faults: [],
    recoveryMs: 3000,
  };
}
