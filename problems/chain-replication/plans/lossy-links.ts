// The links between nodes drop calls and lose answers: updates are resent, and a resent
// update the receiver already holds must not be applied twice (appends show it).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { CHAIN_CLIENTS } from "./clients.ts";

export function lossyLinks(seed: number): ScenarioPlan<KvWorkload> {
  return {
    name: "lossy_links",
    description:
      "For 8 s the links between nodes drop 10% of calls and lose the answers of 15% (the callee acted, the caller never heard); the clients' own links stay clean.",
    seed,
    workload: { ...CHAIN_CLIENTS, mix: { get: 3, put: 1, append: 6 } },
    workloadMs: 10_000,
    idleWindows: [],
    faults: [
      {
        atMs: 1000,
        action: {
          kind: "flaky",
          dropProbability: 0.1,
          loseAnswerProbability: 0.15,
          delayMs: 0,
          jitterMs: 0,
          clients: false,
        },
      },
      { atMs: 9000, action: { kind: "heal" } },
    ],
    recoveryMs: 3000,
  };
}
