// submit: queued → building (once it has a slot, where slots are bounded), then builds. The
// build's outcome goes out as a build-complete event, the same event a Cloud Build
// notification produces in the cloud; a builder that only started the build (Cloud Build)
// leaves that event to the notification.
import { boundOutcome, isBuildStarted } from "../../shared/domain/build.ts";
import { nextEvent, type SubmitEvent } from "../../shared/domain/events.ts";
import { BUILD_STEP } from "../../shared/domain/claim.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import { claimHolder, whileClaimed } from "../claims.ts";
import type { StepHandler } from "../ports.ts";

export const handleSubmit: StepHandler<SubmitEvent> = async (event, ports, delivery) => {
  // Not its turn: it stays queued, and is sent on again when a slot is its.
  if (ports.slots && !(await ports.slots.take(event.submissionId))) return [];
  const built = await whileClaimed(
    ports,
    {
      submissionId: event.submissionId,
      step: BUILD_STEP,
      holder: claimHolder(delivery),
      // building without a live claim: an earlier delivery died mid-build; build again.
      start: (s) =>
        s.status === "queued"
          ? advance(s, "building", ports.nowMs())
          : s.status === "building"
            ? s
            : null,
    },
    (s) => ports.builder.build(s),
  );
  if (!built.held || isBuildStarted(built.value)) return [];
  return [nextEvent.buildComplete(event.submissionId, boundOutcome(built.value))];
};
