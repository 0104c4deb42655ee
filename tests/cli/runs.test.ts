// `clusterjudge runs` and `show`: past runs read from a real store in a judge home of the
// test's own, with their overall verdicts and the reports to open.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";
import { markLatestRun } from "../../shared/pipeline/run-links.ts";
import { aResult, aSubmission } from "../contract/fixtures.ts";
import { clusterjudge, tempDir } from "./support/clusterjudge.ts";

const root = tempDir("runs");
const home = judgeHome({ CLUSTERJUDGE_HOME: join(root, "home") });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A scenario result whose report.html exists in the run folder, as the harness leaves it. */
function withPage(id: string, result: ScenarioResult): ScenarioResult {
  const dir = home.scenarioDir(id, result.name);
  mkdirSync(dir, { recursive: true });
  const report = join(dir, "report.html");
  writeFileSync(report, "<!doctype html>\n");
  return { ...result, evidence: { ...result.evidence, report } };
}

const t0 = Date.UTC(2026, 0, 2, 3, 4);
const passed = aSubmission({ id: "20260102-030400-aaaa", status: "completed", createdAt: t0 });
const failed = aSubmission({
  id: "20260102-030500-bbbb",
  status: "completed",
  createdAt: t0 + 60_000,
});
const broken = aSubmission({
  id: "20260102-030600-bbcc",
  status: "build_failed",
  createdAt: t0 + 120_000,
  error: { stage: "build", message: "main.py:3: SyntaxError" },
});

beforeAll(async () => {
  const store = new LocalStore({ path: home.dbPath });
  try {
    for (const s of [passed, failed, broken]) await store.create(s);
    await store.putResult(passed.id, 0, withPage(passed.id, aResult("leader_election")));
    await store.putResult(passed.id, 1, withPage(passed.id, aResult("log_replication")));
    await store.putResult(failed.id, 0, withPage(failed.id, aResult("leader_election")));
    await store.putResult(failed.id, 1, withPage(failed.id, aResult("log_replication", "fail")));
  } finally {
    await store.close();
  }
  await markLatestRun(home, failed.id);
});

test("runs in an empty home lists nothing and makes no store", () => {
  const empty = join(root, "empty");
  const r = clusterjudge(["runs"], { home: empty });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /no runs yet/);
  assert.deepEqual(JSON.parse(clusterjudge(["runs", "--json"], { home: empty }).stdout), []);
  assert.ok(!existsSync(join(empty, "judge.db")));
});

test("runs lists the newest first with status and overall verdict", () => {
  const r = clusterjudge(["runs"], { home: home.root });
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.split("\n").slice(1, 4);
  assert.match(
    rows[0]!,
    /^20260102-030600-bbcc\s+raft\s+python\s+build_failed\s+\S+ \S+\s+Build error \(0\/2 passed\)$/,
  );
  assert.match(rows[1]!, /^20260102-030500-bbbb\s+.*completed\s+.*Wrong answer \(1\/2 passed\)$/);
  assert.match(rows[2]!, /^20260102-030400-aaaa\s+.*completed\s+.*Accepted \(2\/2 passed\)$/);
  const limited = JSON.parse(
    clusterjudge(["runs", "--json", "--limit", "1"], { home: home.root }).stdout,
  );
  assert.deepEqual(limited, [
    {
      id: broken.id,
      problem: "raft",
      language: "python",
      status: "build_failed",
      createdAt: broken.createdAt,
      outcome: { verdict: "build_error", passed: 0, total: 2 },
    },
  ]);
  assert.equal(clusterjudge(["runs", "--limit", "0"], { home: home.root }).code, EXIT_CODES.usage);
});

test("show by a unique prefix: the table, the verdict, the reports, the failing page to open", () => {
  const r = clusterjudge(["show", "20260102-0305"], { home: home.root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^log_replication\s+FAIL/m);
  assert.match(
    r.stdout,
    /^verdict: Wrong answer \(1\/2 passed\): log_replication failed: a stale read$/m,
  );
  const failing = join(home.scenarioDir(failed.id, "log_replication"), "report.html");
  assert.match(
    r.stdout,
    new RegExp(`^  ${join(home.scenarioDir(failed.id, "leader_election"), "report.html")}$`, "m"),
  );
  assert.equal(r.stdout.trim().split("\n").at(-1), `open: ${failing}`);
});

test("show latest follows runs/latest; --json carries the outcome and the page to open", () => {
  const r = clusterjudge(["show", "latest", "--json"], { home: home.root });
  assert.equal(r.code, 0, r.stderr);
  const shown = JSON.parse(r.stdout) as { submissionId: string; outcome: unknown; open: string };
  assert.equal(shown.submissionId, failed.id);
  assert.deepEqual(shown.outcome, {
    verdict: "wrong_answer",
    passed: 1,
    total: 2,
    firstFailure: { scenario: "log_replication", reason: "a stale read" },
  });
  assert.equal(shown.open, join(home.scenarioDir(failed.id, "log_replication"), "report.html"));
});

test("show of a run without a page opens its report.json; unknown or ambiguous ids exit 2", () => {
  const r = clusterjudge(["show", broken.id], { home: home.root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^build failed: main\.py:3: SyntaxError$/m);
  assert.equal(r.stdout.trim().split("\n").at(-1), `open: ${home.reportPath(broken.id)}`);
  const unknown = clusterjudge(["show", "nope"], { home: home.root });
  assert.equal(unknown.code, EXIT_CODES.usage);
  assert.match(unknown.stderr, /no run nope/);
  const ambiguous = clusterjudge(["show", "20260102-030"], { home: home.root });
  assert.equal(ambiguous.code, EXIT_CODES.usage);
  assert.match(ambiguous.stderr, /names 3 runs/);
});

test("an accepted run opens the run's own page when there is one, else its first scenario's", () => {
  const open = () =>
    (
      JSON.parse(clusterjudge(["show", passed.id, "--json"], { home: home.root }).stdout) as {
        open: string;
      }
    ).open;
  assert.equal(open(), join(home.scenarioDir(passed.id, "leader_election"), "report.html"));
  const runPage = join(home.runDir(passed.id), "report.html");
  writeFileSync(runPage, "<!doctype html>\n");
  assert.equal(open(), runPage);
});
