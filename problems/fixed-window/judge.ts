// The judge's side of a fixed window run: it configures every node with the plan's limit and
// window (and a restarted node again, with how long ago time 0 was), then runs the plan's
// streams and bursts; the checks read the answers and what was configured.
import { rateLimitJudge } from "../../harness/rate-limit/index.ts";
import { windowChecks } from "./checks.ts";
import { configureRequest, SERVICE, type WindowLimit } from "./client.ts";

export const judge = rateLimitJudge<WindowLimit>({
  service: SERVICE,
  configureRequest,
  checks: windowChecks,
  model: "fixed-window",
});
