// The builder port: turns a submission's files into something the cluster can start. The
// local adapter runs the language's toolchain in-process and resolves with the outcome; a
// cloud adapter starts Cloud Build and resolves with the build's id, the outcome arriving
// later as a build-complete event (from Cloud Build's notification).
// A build that fails because of the user's code resolves with diagnostics; only a failure
// of the builder itself rejects (and the step is retried).
import type { BuildOutcome, BuildResult } from "../domain/build.ts";
import type { Submission } from "../domain/submission.ts";

export interface Builder<R extends BuildResult = BuildOutcome> {
  build(submission: Submission): Promise<R>;
}
