// Every link, the judge's too, loses answers and drops calls: the judge retries a broadcast
// whose answer it did not hear at the same node with the same value, a node resends values
// whose acknowledgement it did not hear; each value must still be held, and listed, once.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { BroadcastWorkload } from "../workload.ts";
import { BROADCAST_CLIENTS } from "./workload.ts";

export function lostAnswers(seed: number): ScenarioPlan<BroadcastWorkload> {
  const random = seededRandom(seed).fork("lost_answers");
  const start = random.int(300, 700);
  return {
    name: "lost_answers",
    description:
      "Four clients broadcast and read at random nodes while every link, the judge's own too, drops 10% of calls and loses 25% of answers; the judge retries each unanswered call at the same node with the same value.",
    seed,
    workload: BROADCAST_CLIENTS,
    workloadMs: 6500,
    faults: [
      {
        atMs: start,
        action: {
          kind: "flaky",
          dropProbability: 0.1,
          loseAnswerProbability: 0.25,
          delayMs: 0,
          jitterMs: 0,
          clients: true,
        },
      },
      { atMs: 6000, action: { kind: "heal" } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
