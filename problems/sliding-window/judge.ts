// The judge's side of a sliding window run: it configures every node with the plan's limit
// (and a restarted node again), then runs the plan's streams and bursts; the checks read the
// answers alone.
import { rateLimitJudge } from "../../harness/rate-limit/index.ts";
import { windowChecks } from "./checks.ts";
import { configureRequest, SERVICE, type WindowLimit } from "./client.ts";

export const judge = rateLimitJudge<WindowLimit>({
  service: SERVICE,
  configureRequest,
  checks: windowChecks,
  model: "sliding-window",
});
