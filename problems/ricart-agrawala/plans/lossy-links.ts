// Peer calls are dropped (the callee never sees them) or their answers lost (it acted, the
// sender never heard): a sender resends until acknowledged, the receiver deduplicates.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MutexWorkload } from "../workload.ts";
import { CONTENDING_CLIENTS } from "./workload.ts";

export function lossyLinks(seed: number): ScenarioPlan<MutexWorkload> {
  const random = seededRandom(seed).fork("lossy_links");
  const start = random.int(500, 900);
  return {
    name: "lossy_links",
    description: `One client per node, each asking again within 10 ms; from ${(start / 1000).toFixed(1)} s to 4.5 s every peer link drops 20% of calls and loses the answers of 15% (the judge's own links stay clean), then the links are clean again.`,
    seed,
    workload: CONTENDING_CLIENTS,
    workloadMs: 8000,
    faults: [
      {
        atMs: start,
        action: {
          kind: "flaky",
          dropProbability: 0.2,
          loseAnswerProbability: 0.15,
          delayMs: 0,
          jitterMs: 0,
          clients: false,
        },
      },
      { atMs: 4500, action: { kind: "heal" } },
    ],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
