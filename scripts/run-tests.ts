// Finds every *.test.ts under tests/ and problems/ (or under the folders given) and runs them with
// node's test runner (Node 20's --test does not expand globs), then checks that the run
// left nothing alive: every process the suite started carries CLUSTERJUDGE_TEST_RUN=<id>,
// and a cluster's network namespace and cgroups are named after the pid that deployed it.
// Anything left is named, removed, and fails the run.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, statSync } from "node:fs";
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

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : findTests(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

const roots = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const flags = process.argv.slice(2).filter((a) => a.startsWith("-"));
const files = (roots.length ? roots : ["tests", "problems"])
  .flatMap((r) => (statSync(r).isDirectory() ? findTests(r) : [r]))
  .sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}

const runId = `${process.pid}-${Date.now().toString(36)}`;
const before = snapshotSandboxes();
const seen = new RunProcesses(runId);
const sampler = setInterval(() => seen.sample(), SAMPLE_INTERVAL_MS);
const runner = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", ...flags, ...files],
  { stdio: "inherit", env: { ...process.env, [TEST_RUN_ENV]: runId } },
);
// A signal meant for the run goes to the runner; the check still runs once it has ended.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => runner.kill(signal));
}
const [code] = (await once(runner, "exit")) as [number | null];
clearInterval(sampler);
seen.sample();

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
