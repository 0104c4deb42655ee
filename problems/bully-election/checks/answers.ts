// What the polls saw: once a stretch without link faults has lasted the bound, every answer
// names one coordinator (agreement), that coordinator is the highest live node
// (convergence), and a restarted node higher than every other live node is it (takeover).
// statement.md argues each one's soundness.
import { describeOperation } from "../../../harness/operation.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { PollOp } from "../client.ts";
import { CONVERGENCE_BOUND_MS } from "../limits.ts";
import {
  answersOf,
  highestLive,
  idOf,
  settledAnswers,
  shownNamed,
  stretchesOf,
  type Answer,
  type Stretch,
} from "./timeline.ts";

type Run = RunRecord<PollOp>;
const BOUND_S = `${CONVERGENCE_BOUND_MS / 1000} s`;

const said = (run: Run, a: Answer): string =>
  `${a.node} named ${shownNamed(a.named)} at ${secondsSince(run.originMs, a.startMs)}`;

const since = (run: Run, s: Stretch): string =>
  `${s.cause} at ${secondsSince(run.originMs, s.fromMs)}`;

/** The stretches answers are judged in, with their settled answers. */
function judged(run: Run): { stretch: Stretch; answers: Answer[] }[] {
  const answers = answersOf(run);
  return stretchesOf(run)
    .filter((s) => !s.linkFault)
    .map((stretch) => ({
      stretch,
      answers: settledAnswers(answers, stretch, CONVERGENCE_BOUND_MS),
    }));
}

export function checkAgreement(run: Run): PropertyResult {
  const P = "agreement";
  let count = 0;
  for (const { stretch, answers } of judged(run)) {
    count += answers.length;
    const none = answers.find((a) => a.named === null);
    if (none)
      return violated(
        P,
        `${said(run, none)}, more than ${BOUND_S} after ${since(run, stretch)} with no fault in between: once stable, every node must name a coordinator`,
        [describeOperation(none.op, run.originMs)],
      );
    const first = answers[0];
    const other = answers.find((a) => a.named !== first?.named);
    if (first && other)
      return violated(
        P,
        `${said(run, first)} but ${said(run, other)}, both more than ${BOUND_S} after ${since(run, stretch)} with no fault in between: once stable, every node must name the same coordinator`,
        [describeOperation(first.op, run.originMs), describeOperation(other.op, run.originMs)],
      );
  }
  if (count === 0)
    return inconclusive(P, `no poll was answered ${BOUND_S} or more after a fault change`);
  return holds(
    P,
    `all ${count} answers given ${BOUND_S} or more after a fault change named one coordinator`,
  );
}

export function checkConvergence(run: Run): PropertyResult {
  const P = "convergence";
  const answers = answersOf(run);
  let judgedStretches = 0;
  let slowestMs = 0;
  for (const { stretch, answers: settled } of judged(run)) {
    const expected = highestLive(stretch);
    if (expected === undefined) continue;
    const wrong = settled.find((a) => a.named !== idOf(expected));
    if (wrong)
      return violated(
        P,
        `${said(run, wrong)}, ${secondsSince(stretch.fromMs, wrong.startMs)} after ${since(run, stretch)}; within ${BOUND_S} every live node must name ${expected}, the highest live id`,
        [describeOperation(wrong.op, run.originMs)],
      );
    if (settled.length === 0) continue;
    judgedStretches++;
    // How long it took, as far as the polls show: the last other answer before the bound.
    const early = answers.filter(
      (a) => a.startMs >= stretch.fromMs && a.endMs < stretch.toMs && a.named !== idOf(expected),
    );
    for (const a of early) slowestMs = Math.max(slowestMs, a.startMs - stretch.fromMs);
  }
  if (judgedStretches === 0)
    return inconclusive(
      P,
      `no stretch without link faults had an answer ${BOUND_S} after it began`,
    );
  return holds(
    P,
    `after each of ${judgedStretches} fault changes every answer from ${BOUND_S} on named the highest live node; the latest other answer began ${(slowestMs / 1000).toFixed(1)} s after its change`,
  );
}

export function checkTakeover(run: Run): PropertyResult {
  const P = "takeover";
  let shown = 0;
  for (const { stretch, answers } of judged(run)) {
    const expected = highestLive(stretch);
    const restarted = run.faults.some(
      (w) => w.endMs === stretch.fromMs && expected !== undefined && w.stopped?.includes(expected),
    );
    if (!restarted || expected === undefined) continue;
    const wrong = answers.find((a) => a.named !== idOf(expected));
    if (wrong)
      return violated(
        P,
        `${said(run, wrong)}, ${secondsSince(stretch.fromMs, wrong.startMs)} after ${since(run, stretch)}: a restarted node higher than every live node must take over within ${BOUND_S}`,
        [describeOperation(wrong.op, run.originMs)],
      );
    if (answers.length) shown++;
  }
  if (shown === 0)
    return inconclusive(
      P,
      "no node higher than every other live node was restarted and then polled",
    );
  return holds(
    P,
    `each of ${shown} restarted highest nodes was named by every answer within ${BOUND_S}`,
  );
}
