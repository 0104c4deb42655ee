// Every link, the judge's too, loses answers and drops calls: the judge retries an add or
// remove whose answer it did not hear at the same node with the same id, which must apply
// it once; a node resends changes whose acknowledgement it did not hear.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SetWorkload } from "../workload.ts";
import { SET_CLIENTS } from "./workload.ts";

export function lostAnswers(seed: number): ScenarioPlan<SetWorkload> {
  const random = seededRandom(seed).fork("lost_answers");
  const start = random.int(300, 700);
  return {
    name: "lost_answers",
    description:
      "Four clients add, remove and read at random nodes while every link, the judge's own too, drops 10% of calls and loses 25% of answers; the judge retries each unanswered call at the same node with the same id.",
    seed,
    workload: SET_CLIENTS,
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
