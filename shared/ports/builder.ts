// The builder port: turns a submission's files into something the cluster can start. The
// local adapter runs the language's toolchain in-process; a cloud adapter runs Cloud Build.
// A build that fails because of the user's code resolves with diagnostics; only a failure
// of the builder itself rejects (and the step is retried).
import type { BuildOutcome } from "../domain/build.ts";
import type { Submission } from "../domain/submission.ts";

export interface Builder {
  build(submission: Submission): Promise<BuildOutcome>;
}
