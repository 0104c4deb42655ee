// Runs the suite with vitest (vitest.config.ts: the pure files two at a time, then the cluster
// files one at a time), or only the files under the paths given, prints a closing
// `tests: N passed, N failed, N skipped` line, then checks that the run left nothing alive: every process the suite started carries CLUSTERJUDGE_TEST_RUN=<id>,
// and a cluster's network namespace and cgroups are named after the pid that deployed it.
// Anything left is named, removed, and fails the run.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  describeLeftovers,
  findLeftovers,
  isEmpty,
  removeLeftovers,
  snapshotSandboxes,
} from "../tests/support/leftovers/check.ts";
import { RunProcesses, TEST_RUN_ENV } from "../tests/support/leftovers/marker.ts";

/** Often enough to see every process that deploys a cluster (each lives for seconds). */
const SAMPLE_INTERVAL_MS = 250;

const args = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "cj-tests-"));
const tallyFile = join(work, "results.json");

const runId = `${process.pid}-${Date.now().toString(36)}`;
const before = snapshotSandboxes();
const seen = new RunProcesses(runId);
const sampler = setInterval(() => seen.sample(), SAMPLE_INTERVAL_MS);
const vitest = join(import.meta.dirname, "..", "node_modules", "vitest", "vitest.mjs");
const runner = spawn(
  process.execPath,
  [
    vitest,
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${tallyFile}`,
    ...args,
  ],
  { stdio: "inherit", env: { ...process.env, [TEST_RUN_ENV]: runId } },
);
// A signal meant for the run goes to the runner; the check still runs once it has ended.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => runner.kill(signal));
}
const [code] = (await once(runner, "exit")) as [number | null];
clearInterval(sampler);
seen.sample();
console.log(tallyLine());
rmSync(work, { recursive: true, force: true });

const left = await findLeftovers({
  runId,
  owners: seen.pids,
  before,
  except: new Set([process.pid]),
});
if (!isEmpty(left)) {
  console.error(`\nThe test run left these alive (${TEST_RUN_ENV}=${runId}):`);
  for (const line of describeLeftovers(left)) console.error(`  ${line}`);
  console.error("They are removed now; the test that started them must tear them down.");
  await removeLeftovers(left);
  process.exit(1);
}
process.exit(code ?? 1);

/** The closing line CI shows, from vitest's JSON report (absent when vitest could not start). */
function tallyLine(): string {
  try {
    const r = JSON.parse(readFileSync(tallyFile, "utf8")) as Record<string, number>;
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    const broken = r.numFailedTestSuites ? `, ${r.numFailedTestSuites} files or suites failed` : "";
    return `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped${broken}`;
  } catch {
    return "tests: no results (vitest ended before reporting)";
  }
}
