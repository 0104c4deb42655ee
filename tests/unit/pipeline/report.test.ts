import assert from "node:assert/strict";
import { test } from "node:test";
import { exitCodeFor, summarize, type JudgeSummary } from "../../../shared/pipeline/report.ts";
import { formatFailure, formatVerdictTable } from "../../../shared/pipeline/verdict-table.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";

function completed(verdicts: ("pass" | "fail" | "unknown")[]): JudgeSummary {
  const s = aSubmission({ status: "completed" });
  const results = verdicts.map((v, index) => ({ index, result: aResult(`s${index}`, v) }));
  return summarize(s, results, "/runs/x/report.json");
}

test("exit status: 0 all pass, 1 any fail or unknown, 2 no verdict", () => {
  assert.equal(exitCodeFor(completed(["pass", "pass"])), 0);
  assert.equal(exitCodeFor(completed(["pass", "fail"])), 1);
  assert.equal(exitCodeFor(completed(["pass", "unknown"])), 1);
  for (const status of ["build_failed", "deploy_failed", "failed"] as const) {
    assert.equal(exitCodeFor({ ...completed([]), status }), 2, status);
  }
});

test("the summary has the documented JSON shape", () => {
  const summary = completed(["pass"]);
  assert.deepEqual(Object.keys(summary), [
    "submissionId",
    "status",
    "scenarios",
    "reportPath",
    "timing",
  ]);
  assert.deepEqual(Object.keys(summary.timing), ["totalMs", "scenariosMs", "outsideScenariosMs"]);
  assert.deepEqual(Object.keys(summary.scenarios[0]!), [
    "name",
    "verdict",
    "reason",
    "durationMs",
    "stats",
  ]);
  assert.deepEqual(Object.keys(summary.scenarios[0]!.stats), [
    "ops",
    "ok",
    "fail",
    "unknown",
    "latencyP50Ms",
    "latencyP99Ms",
    "rpcsPerOp",
  ]);
});

test("the verdict table has a row per scenario and a tally", () => {
  const lines = formatVerdictTable(completed(["pass", "fail"])).split("\n");
  assert.match(lines[0]!, /^scenario\s+verdict\s+time/);
  assert.match(lines[1]!, /^s0\s+PASS\s+1\.2 s/);
  assert.match(lines[2]!, /^s1\s+FAIL .*a stale read$/);
  assert.match(
    lines[3]!,
    /completed, 1 of 2 scenarios passed in [\d.]+ s \([\d.]+ s in scenarios, [\d.]+ s outside them\)$/,
  );
  assert.equal(lines[4], "report: /runs/x/report.json");
});

test("a build failure reads as file:line: message; a deploy failure shows the node's log", () => {
  const build = summarize(
    aSubmission({
      status: "build_failed",
      error: {
        stage: "build",
        message: "the build failed with 1 problem",
        diagnostics: [{ file: "main.py", line: 3, column: 7, message: "SyntaxError" }],
        log: ["copied 1 files"],
      },
    }),
    [],
    "/r",
  );
  assert.deepEqual(formatFailure(build), [
    "build failed: the build failed with 1 problem",
    "  main.py:3:7: SyntaxError",
  ]);
  const deploy = summarize(
    aSubmission({
      status: "deploy_failed",
      error: { stage: "deploy", message: "node-2 exited", log: ["Traceback", "boom"] },
    }),
    [],
    "/r",
  );
  assert.deepEqual(formatFailure(deploy), [
    "deploy failed: node-2 exited",
    "  log:",
    "    Traceback",
    "    boom",
  ]);
});
