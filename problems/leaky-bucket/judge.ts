// The judge's side of a leaky bucket run: it configures every node with the plan's limit
// (and a restarted node again), then runs the plan's streams and bursts; the checks read the
// answers alone.
import { rateLimitJudge } from "../../harness/rate-limit/index.ts";
import { bucketChecks } from "./checks.ts";
import { configureRequest, SERVICE, type QueueLimit } from "./client.ts";

export const judge = rateLimitJudge<QueueLimit>({
  service: SERVICE,
  configureRequest,
  checks: bucketChecks,
  model: "leaky-bucket",
});
