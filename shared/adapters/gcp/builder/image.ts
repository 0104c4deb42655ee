// The node image of a submission: pushed by Cloud Build, run by the Cloud Run cluster. Both
// derive it from the submission id, so the build's product needs no other channel.
import { clusterKey } from "../cluster/naming.ts";

/**
 * `repository` is Artifact Registry's "REGION-docker.pkg.dev/PROJECT/REPO"; the tag is the
 * submission's key (lowercase, with a hash), valid as a Docker tag.
 */
export function nodeImage(repository: string, submissionId: string): string {
  return `${repository}/node:${clusterKey(submissionId)}`;
}
