// When the dead-letter step itself fails on every delivery (a corrupt row it reads, a bug of
// ours), nothing else would ever move the submission: it would stay `testing`, and every
// waiter with it. This last resort reads nothing but the submission and writes it `failed`
// with the error, counting no results (they may be what is broken), and asks for the
// teardown of a cluster it may have, as the dead-letter step does.
import { nextEvent, type NextEvent } from "../../shared/domain/events.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import { isTerminal } from "../../shared/domain/status.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";
import type { StepPorts } from "../ports.ts";

/** The teardown a submission the judge gave up on needs: none unless it may have a cluster. */
export function teardownAfterGivingUp(after: Submission): NextEvent[] {
  const mayHaveCluster = after.stageTimes.deploying !== undefined && after.tornDownAt === undefined;
  return mayHaveCluster ? [nextEvent.teardown(after.id, TEARDOWN_REASONS.judgeFailed)] : [];
}

/** Fails the submission the lost dead letter was about; the events to publish after. */
export async function failLostSubmission(
  ports: Pick<StepPorts, "store" | "nowMs">,
  submissionId: string,
  lastError: string,
): Promise<NextEvent[]> {
  const firstLine = lastError.split("\n")[0] ?? "";
  const message = `the judge's dead-letter step failed too, so the judge gave up; last error: ${firstLine}`;
  const moved = await ports.store.transition(submissionId, (c) =>
    isTerminal(c.status)
      ? null
      : advance(c, "failed", ports.nowMs(), {
          error: { stage: "pipeline", message },
          results: [],
        }),
  );
  return moved.applied ? teardownAfterGivingUp(moved.submission) : [];
}
