// State transfer twice over: the head dies and rejoins as the tail, then the old tail (the
// middle by then) dies, so the rejoined node's transferred state is all that stands behind
// the acknowledged writes at the tail end; it too rejoins.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { CHAIN_CLIENTS, firstChain } from "./clients.ts";

export function rejoin(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("rejoin");
  const { head, tail } = firstChain(seed);
  const t = random.int(2000, 3000);
  return {
    name: "rejoin",
    description: `The first head ${head} is killed and restarted 2 s later (it rejoins as the tail with the state transferred); 3 s on, the first tail ${tail}, now in the middle, is killed and restarted the same way; clients write and read throughout.`,
    seed,
    workload: CHAIN_CLIENTS,
    workloadMs: t + 10_000,
    idleWindows: [],
    faults: [
      { atMs: t, action: { kind: "kill", node: head } },
      { atMs: t + 2000, action: { kind: "start", node: head } },
      { atMs: t + 5000, action: { kind: "kill", node: tail } },
      { atMs: t + 7000, action: { kind: "start", node: tail } },
    ],
    recoveryMs: 3000,
  };
}
