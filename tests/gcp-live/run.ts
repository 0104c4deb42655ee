// `npm run test:gcp`: the live suite, when a project and credentials are there; otherwise it
// says why it skipped and succeeds (docs/deploy-gcp.md says how to set it up).
import { spawnSync } from "node:child_process";
import { liveSkipReason } from "./live-env.ts";

const reason = liveSkipReason();
if (reason) {
  process.stdout.write(`test:gcp skipped: ${reason} (see docs/deploy-gcp.md)\n`);
  process.exit(0);
}
const run = spawnSync(
  process.execPath,
  ["--import", "tsx", "scripts/run-tests.ts", "tests/gcp-live"],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
