// `npm start`: the local platform on PORT (default 8080) and HOST (default loopback only).
// Bound beyond loopback it takes a token (CLUSTERJUDGE_TOKEN, or one made now and printed in
// the URL to open); CLUSTERJUDGE_ALLOWED_HOSTS names more host names it answers to,
// CLUSTERJUDGE_SUBMISSIONS_PER_HOUR bounds how often it accepts a submission, and
// CLUSTERJUDGE_CLUSTERS how many it judges at once (one per core and 3 GiB of memory).
// Ctrl-C (or SIGTERM) stops it: the steps running now get a few seconds, clusters are torn
// down, and whatever was not finished carries on at the next start.
import { judgeHome } from "../shared/pipeline/home.ts";
import { submissionRateFromEnv } from "../functions/api/submission-rate.ts";
import { ALLOWED_HOSTS_ENV } from "./access.ts";
import { TOKEN_ENV } from "./access-rules.ts";
import { slotsFromEnv } from "../shared/pipeline/slots-config.ts";
import { startPlatform } from "./platform.ts";

const DEFAULT_PORT = 8080;

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    log(`PORT must be a whole number from 0 to 65535, not "${value}"`);
    process.exit(2);
  }
  return port;
}

const port = portFromEnv(process.env.PORT);
const host = process.env.HOST || "127.0.0.1";
let submissionRate;
let slots;
try {
  submissionRate = submissionRateFromEnv(process.env);
  slots = slotsFromEnv(process.env);
} catch (err) {
  log((err as Error).message);
  process.exit(2);
}
const home = judgeHome();
log(`clusterjudge: judge home ${home.root}`);
const access = {
  ...(process.env[TOKEN_ENV] ? { token: process.env[TOKEN_ENV] } : {}),
  ...(process.env[ALLOWED_HOSTS_ENV] ? { extraHosts: process.env[ALLOWED_HOSTS_ENV] } : {}),
};
const platform = await startPlatform({
  port,
  host,
  home,
  log,
  access,
  slots: slots.slots,
  ...(submissionRate ? { submissionRate } : {}),
}).catch((err: Error) => {
  log(`clusterjudge: could not start: ${err.message}`);
  process.exit(1);
});
log(`clusterjudge: serving the web UI on ${platform.openUrl}`);
if (platform.openUrl !== platform.url) {
  log(
    "clusterjudge: open that address once (the browser keeps the token in a cookie); " +
      "API clients send Authorization: Bearer <token>",
  );
}
log(`clusterjudge: answering to ${platform.hosts.join(", ")}`);
log(
  `clusterjudge: judging up to ${slots.slots} submission(s) at once (${slots.why}); the rest wait their turn`,
);
log(`clusterjudge: the API is at ${platform.url}api/distributed (openapi.json describes it)`);

let stopping = false;
function stop(signal: string): void {
  if (stopping) {
    log(`${signal} again: exiting now`);
    process.exit(130);
  }
  stopping = true;
  log(`${signal}: stopping (Ctrl-C again to exit at once)`);
  void platform.close().then((outcome) => {
    log(
      outcome === "clean"
        ? "stopped; clusters torn down"
        : "stopped with steps still running: their clusters are killed on exit, and the next start finishes them",
    );
    process.exit(0);
  });
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
