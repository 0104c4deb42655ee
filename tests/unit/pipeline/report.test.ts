import assert from "node:assert/strict";
import { test } from "vitest";
import { summarize, type JudgeSummary } from "../../../shared/pipeline/report.ts";
import {
  formatFailure,
  formatVerdictTable,
  verdictLine,
} from "../../../shared/pipeline/verdict-table.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";

function completed(verdicts: ("pass" | "fail" | "unknown")[]): JudgeSummary {
  const s = aSubmission({ status: "completed", scenarios: verdicts.map((_, i) => `s${i}`) });
  const results = verdicts.map((v, index) => ({ index, result: aResult(`s${index}`, v) }));
  return summarize(s, results, "/runs/x/report.json");
}

test("the summary carries the stored outcome, or derives it for a run stored without one", () => {
  const stored = { verdict: "judge_error" as const, passed: 0, total: 2 };
  const s = aSubmission({ status: "failed", outcome: stored });
  assert.deepEqual(summarize(s, [], "/r").outcome, stored);
  assert.deepEqual(completed(["pass", "unknown"]).outcome, {
    verdict: "inconclusive",
    passed: 1,
    total: 2,
  });
  assert.equal(summarize(aSubmission({ status: "testing" }), [], "/r").outcome, undefined);
});

test("the summary has the documented JSON shape", () => {
  const result = aResult("s0", "pass");
  result.evidence.report = "/runs/x/scenarios/s0/report.html";
  const s = aSubmission({ status: "completed", scenarios: ["s0"] });
  const summary = summarize(s, [{ index: 0, result }], "/runs/x/report.json");
  assert.deepEqual(Object.keys(summary), [
    "submissionId",
    "status",
    "outcome",
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
    "reportPath",
  ]);
  assert.equal(summary.scenarios[0]!.reportPath, result.evidence.report);
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

test("the verdict table has a row per scenario, then the overall verdict, then the report", () => {
  const lines = formatVerdictTable(completed(["pass", "fail"])).split("\n");
  assert.match(lines[0]!, /^scenario\s+verdict\s+time/);
  assert.match(lines[1]!, /^s0\s+PASS\s+1\.2 s/);
  assert.match(lines[2]!, /^s1\s+FAIL .*a stale read$/);
  assert.match(
    lines[3]!,
    /completed in [\d.]+ s \([\d.]+ s in scenarios, [\d.]+ s outside them\)$/,
  );
  assert.equal(lines[4], "Wrong answer: 1/2 passed; first failure s1: a stale read");
  assert.equal(lines[5], "report: /runs/x/report.json");
  assert.equal(lines.length, 6);
});

test("the verdict line reads the same for every verdict, and escapes what a node wrote", () => {
  assert.equal(verdictLine({ verdict: "accepted", passed: 8, total: 8 }), "Accepted: 8/8 passed");
  assert.equal(
    verdictLine({ verdict: "inconclusive", passed: 7, total: 8 }),
    "Inconclusive: 7/8 passed",
  );
  assert.equal(
    verdictLine({ verdict: "build_error", passed: 0, total: 8 }),
    "Build error: 0/8 passed",
  );
  const hostile = { scenario: "network_partition", reason: "read \x1b[2J stale" };
  assert.equal(
    verdictLine({ verdict: "wrong_answer", passed: 5, total: 8, firstFailure: hostile }),
    "Wrong answer: 5/8 passed; first failure network_partition: read \\x1b[2J stale",
  );
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
