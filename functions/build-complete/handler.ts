// build-complete: building → deploying with the build recorded, or → build_failed with the
// diagnostics a person can act on.
import { DEPLOY_STEP, claimedStep } from "../../shared/domain/claim.ts";
import { nextEvent, type BuildCompleteEvent } from "../../shared/domain/events.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import type { BuildOutcome } from "../../shared/domain/build.ts";
import type { StepHandler } from "../ports.ts";

export const handleBuildComplete: StepHandler<BuildCompleteEvent> = async (
  event,
  ports,
  delivery,
) => {
  const id = event.submissionId;
  if (!(await ports.store.get(id))) {
    ports.warn(`build-complete: no submission ${id}; the event is ignored`);
    return [];
  }
  const { applied, submission } = await ports.store.transition(id, (s) =>
    s.status === "building" ? finishBuild(s, event.outcome, ports.nowMs()) : null,
  );
  if (applied) return submission.status === "deploying" ? [nextEvent.deploy(id)] : [];
  // A redelivery may come from an attempt that wrote and died before publishing.
  const deployDue =
    submission.status === "deploying" && !claimedStep(submission.claim, DEPLOY_STEP, ports.nowMs());
  return delivery.attempt > 1 && deployDue ? [nextEvent.deploy(id)] : [];
};

function finishBuild(s: Submission, outcome: BuildOutcome, nowMs: number): Submission {
  if (outcome.ok) {
    const build = { command: outcome.command, outDir: outcome.outDir, log: outcome.log };
    return advance(s, "deploying", nowMs, { build });
  }
  const count = outcome.diagnostics.length;
  const error = {
    stage: "build" as const,
    message: `the build failed with ${count} problem${count === 1 ? "" : "s"}`,
    diagnostics: outcome.diagnostics,
    log: outcome.log,
  };
  return advance(s, "build_failed", nowMs, { error });
}
