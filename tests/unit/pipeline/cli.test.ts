// The `clusterjudge` command as a user runs it: exit statuses, the JSON line, errors shown.
// One real run (the reference Raft in TypeScript, one scenario) checks the whole path, from
// the CLI's JavaScript build (bin/clusterjudge.js runs it, building it first if stale).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, test } from "vitest";
import { REPO_ROOT } from "../../../shared/pipeline/home.ts";

const home = mkdtempSync(join(tmpdir(), "cj-cli-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function clusterjudge(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [join(REPO_ROOT, "bin/clusterjudge.js"), ...args], {
    env: { ...process.env, CLUSTERJUDGE_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b) => (stdout += b));
  child.stderr.on("data", (b) => (stderr += b));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

function lastJson(stdout: string) {
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

function submissionDir(name: string, files: Record<string, string>): string {
  const dir = join(home, "src", name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

test("a build error exits 3 with file:line: message, and the JSON line says why", async () => {
  const dir = submissionDir("broken", { "main.py": "import os\n\ndef broken(:\n    pass\n" });
  const run = await clusterjudge(
    "judge",
    "--problem",
    "raft",
    "--language",
    "python",
    dir,
    "--json",
  );
  assert.equal(run.code, 3, "the user's own build failed");
  assert.match(run.stderr, /main\.py:3:\d+: SyntaxError/);
  const summary = lastJson(run.stdout);
  assert.equal(summary.status, "build_failed");
  assert.equal(summary.outcome.verdict, "build_error");
  assert.deepEqual(summary.scenarios, []);
  assert.equal(summary.error.diagnostics[0].line, 3);
  assert.ok(existsSync(summary.reportPath));
});

test("a bad command line or a refused submission exits 2 and says what to do", async () => {
  const dir = submissionDir("any", { "main.py": "pass\n" });
  const unknown = await clusterjudge("judge", "--problem", "paxos", "--language", "python", dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown problem "paxos"; known: raft, multi-paxos/);
  const badSeed = await clusterjudge(
    "judge",
    "--problem",
    "raft",
    "--language",
    "python",
    "--seed",
    "-1",
    dir,
  );
  assert.equal(badSeed.code, 2);
  const scenario = await clusterjudge(
    "judge",
    "--problem",
    "raft",
    "--language",
    "python",
    "--scenario",
    "split_brain",
    dir,
  );
  assert.equal(scenario.code, 2);
  assert.match(scenario.stderr, /unknown scenario "split_brain"; known: leader_election/);
});

test("resume and dead-letters report an empty store plainly", async () => {
  const resume = await clusterjudge("resume");
  assert.equal(resume.code, 0);
  assert.match(resume.stderr, /nothing to resume/);
  const letters = await clusterjudge("dead-letters", "--json");
  assert.equal(letters.code, 0);
  assert.deepEqual(JSON.parse(letters.stdout), []);
  const missing = await clusterjudge("dead-letters", "no-such-message");
  assert.equal(missing.code, 1);
});

test("the reference Raft passes a real scenario: exit 0, live progress, a report", async () => {
  const reference = join(REPO_ROOT, "problems/raft/reference/typescript");
  const run = await clusterjudge(
    "judge",
    "--problem",
    "raft",
    "--language",
    "typescript",
    "--scenario",
    "leader_election",
    "--seed",
    "5",
    "--json",
    reference,
  );
  assert.equal(run.code, 0, run.stderr);
  const summary = lastJson(run.stdout);
  assert.equal(summary.status, "completed");
  assert.deepEqual(summary.outcome, { verdict: "accepted", passed: 1, total: 1 });
  assert.deepEqual(
    summary.scenarios.map((x: { name: string; verdict: string }) => [x.name, x.verdict]),
    [["leader_election", "pass"]],
  );
  assert.ok(summary.scenarios[0].stats.ok > 0);
  assert.match(run.stderr, /leader_election · workload/);
  const report = JSON.parse(readFileSync(summary.reportPath, "utf8"));
  assert.equal(report.results[0].seed, 5);
  assert.equal(report.submission.cluster.deploys, 1);
  // The last line names the page to open; runs/latest is this run.
  const open = run.stderr.trim().split("\n").at(-1)!;
  assert.match(open, /^open: \S+\/report\.html$/);
  assert.ok(existsSync(open.slice("open: ".length)));
  assert.equal(readlinkSync(join(home, "runs", "latest")), summary.submissionId);
  const shown = await clusterjudge("show", "latest");
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^leader_election\s+PASS/m);
  assert.match(shown.stdout, /^verdict: Accepted \(1\/1 passed\)$/m);
  assert.equal(shown.stdout.trim().split("\n").at(-1), open);
  // The file reports: the run's beside report.json, the scenario's beside its evidence.
  assert.ok(existsSync(join(dirname(summary.reportPath), "report.html")));
  assert.ok(existsSync(report.results[0].evidence.report));
});
