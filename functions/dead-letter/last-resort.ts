// When the dead-letter step itself fails on every delivery (a corrupt row it reads, a bug of
// ours), or a message is lost, nothing else would ever move the submission: it would stay
// `testing`, and every waiter with it. This last resort (the local pipeline's, when a dead
// letter dies; the sweep's, in the cloud, when a submission stays unmoved too long) reads
// nothing but the submission and writes it `failed` with the reason, counting no results
// (they may be what is broken), and asks for the teardown of a cluster it may have, as the
// dead-letter step does.
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

/** Why the pipeline gave up, in the words the submission's error carries. */
export const GIVING_UP = {
  deadLetterFailed: (lastError: string) =>
    `the judge's dead-letter step failed too, so the judge gave up; last error: ${lastError.split("\n")[0] ?? ""}`,
  stuck: (status: string, idleMs: number) =>
    `no step of the judge moved this submission for ${Math.round(idleMs / 60_000)} min (it was ${status}), so the judge gave up on it`,
  stepTimedOut: (topic: string, limitMs: number) =>
    `the judge's ${topic} step was still running after ${limitMs / 1000} s (its bound), so the judge gave up on it`,
};

/** Fails the submission the judge lost (`message`: GIVING_UP); the events to publish after. */
export async function failLostSubmission(
  ports: Pick<StepPorts, "store" | "nowMs">,
  submissionId: string,
  message: string,
): Promise<NextEvent[]> {
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
