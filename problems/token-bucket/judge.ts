// The judge's side of a token bucket run: it configures every node with the plan's bucket
// (and a restarted node again), then runs the plan's streams and bursts; the checks read
// the answers and what was configured.
import { rateLimitJudge } from "../../harness/rate-limit/index.ts";
import { bucketChecks } from "./checks.ts";
import { configureRequest, SERVICE, type BucketLimit } from "./client.ts";

export const judge = rateLimitJudge<BucketLimit>({
  service: SERVICE,
  configureRequest,
  checks: bucketChecks,
  model: "token-bucket",
});
