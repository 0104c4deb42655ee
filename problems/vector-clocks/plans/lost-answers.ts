// Lost answers, first on the links between nodes only (the clients run at full speed, so many
// Deliver calls lose their answer and are resent: one receive each), then on every link, the
// judge's too (the judge retries a request whose answer it did not hear at the same node with
// the same id: one event, answered with its first clock again).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { ClockWorkload } from "../workload.ts";
import { CLOCK_CLIENTS } from "./workload.ts";

const LOSSY = { dropProbability: 0.1, loseAnswerProbability: 0.25, delayMs: 0, jitterMs: 0 };

export function lostAnswers(seed: number): ScenarioPlan<ClockWorkload> {
  const random = seededRandom(seed).fork("lost_answers");
  const start = random.int(300, 700);
  const widen = random.int(3300, 3700);
  return {
    name: "lost_answers",
    description:
      "Three clients record events, send messages and compare clocks at random nodes while the links between nodes drop 10% of calls and lose 25% of answers, then every link, the judge's own too; the judge retries each unanswered request at the same node with the same id.",
    seed,
    workload: CLOCK_CLIENTS,
    workloadMs: 7000,
    faults: [
      { atMs: start, action: { kind: "flaky", ...LOSSY, clients: false } },
      { atMs: widen, action: { kind: "heal" } },
      { atMs: widen + 100, action: { kind: "flaky", ...LOSSY, clients: true } },
      { atMs: 6500, action: { kind: "heal" } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
