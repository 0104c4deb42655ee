// Every link, the judge's too, loses answers and drops calls: the judge retries a request
// whose answer it did not hear at the same node with the same id (one event, answered with
// its first clock again), and a Deliver resent after a lost answer is one receive.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { ClockWorkload } from "../workload.ts";
import { CLOCK_CLIENTS } from "./workload.ts";

export function lostAnswers(seed: number): ScenarioPlan<ClockWorkload> {
  const random = seededRandom(seed).fork("lost_answers");
  const start = random.int(300, 700);
  return {
    name: "lost_answers",
    description:
      "Three clients record events, send messages and compare clocks at random nodes while every link, the judge's own too, drops 10% of calls and loses 25% of answers; the judge retries each unanswered request at the same node with the same id.",
    seed,
    workload: CLOCK_CLIENTS,
    workloadMs: 7000,
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
      { atMs: 6500, action: { kind: "heal" } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
