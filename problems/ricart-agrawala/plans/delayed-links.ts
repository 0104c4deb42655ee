// Every peer call is delayed by a seeded 30–60 ms with jitter while every client contends:
// messages overtake each other, a Reply may arrive long after its Request was sent.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MutexWorkload } from "../workload.ts";
import { CONTENDING_CLIENTS } from "./workload.ts";

export function delayedLinks(seed: number): ScenarioPlan<MutexWorkload> {
  const random = seededRandom(seed).fork("delayed_links");
  const delayMs = random.int(30, 60);
  const start = random.int(500, 900);
  return {
    name: "delayed_links",
    description: `One client per node, each asking again within 10 ms; from ${(start / 1000).toFixed(1)} s to 4.5 s every peer call is delayed ${delayMs} ms ± 30 ms, then the links are clean again.`,
    seed,
    workload: CONTENDING_CLIENTS,
    workloadMs: 8000,
    faults: [
      {
        atMs: start,
        action: {
          kind: "flaky",
          dropProbability: 0,
          loseAnswerProbability: 0,
          delayMs,
          jitterMs: 30,
          clients: false,
        },
      },
      { atMs: 4500, action: { kind: "heal" } },
    ],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
