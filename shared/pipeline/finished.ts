// When the local judge is done with a submission: it reached an outcome and any cluster it
// had is gone.
import { isTerminal } from "../domain/status.ts";
import type { SubmissionSummary } from "../domain/submission.ts";

export function isFinished(
  s: Pick<SubmissionSummary, "status" | "stageTimes" | "tornDownAt">,
): boolean {
  const mayHaveCluster = s.stageTimes.deploying !== undefined;
  return isTerminal(s.status) && (!mayHaveCluster || s.tornDownAt !== undefined);
}
