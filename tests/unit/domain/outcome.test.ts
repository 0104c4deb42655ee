import assert from "node:assert/strict";
import { test } from "vitest";
import {
  EXIT_CODES,
  OVERALL_VERDICTS,
  describeOutcome,
  exitCodeOf,
  outcomeOf,
} from "../../../shared/domain/outcome.ts";
import type { ScenarioResult, Verdict } from "../../../shared/domain/result.ts";
import { STATUSES, isTerminal } from "../../../shared/domain/status.ts";

function result(name: string, verdict: Verdict, reason = `${name} ${verdict}`): ScenarioResult {
  const stats = {
    ops: 0,
    ok: 0,
    fail: 0,
    unknown: 0,
    latencyP50Ms: 0,
    latencyP99Ms: 0,
    rpcsPerOp: 0,
  };
  return { name, verdict, reason, durationMs: 1, seed: 1, stats, evidence: {} };
}

test("a submission still in the pipeline has no outcome; every terminal status has one", () => {
  for (const status of STATUSES) {
    assert.equal(outcomeOf(status, [], 8) !== undefined, isTerminal(status), status);
  }
});

test("every scenario passed is accepted, with the count", () => {
  const o = outcomeOf("completed", [result("a", "pass"), result("b", "pass")], 2);
  assert.deepEqual(o, { verdict: "accepted", passed: 2, total: 2 });
  assert.equal(describeOutcome(o!), "Accepted (2/2 passed)");
});

test("a failed scenario is a wrong answer naming the first failure in run order", () => {
  const results = [result("a", "pass"), result("b", "unknown"), result("c", "fail", "lost write")];
  results.push(result("d", "fail"), result("e", "error"));
  const o = outcomeOf("completed", results, 5);
  assert.equal(o?.verdict, "wrong_answer");
  assert.deepEqual(o?.firstFailure, { scenario: "c", reason: "lost write" });
  assert.equal(o?.passed, 1);
});

test("a judge error outweighs inconclusive, and inconclusive is never accepted", () => {
  assert.equal(
    outcomeOf("completed", [result("a", "unknown"), result("b", "error")], 2)?.verdict,
    "judge_error",
  );
  assert.equal(
    outcomeOf("completed", [result("a", "pass"), result("b", "unknown")], 2)?.verdict,
    "inconclusive",
  );
  // Fewer results than scenarios asked for: no evidence for the rest.
  assert.equal(outcomeOf("completed", [result("a", "pass")], 2)?.verdict, "inconclusive");
});

test("the user's build and deploy failures and the pipeline's own are told apart", () => {
  assert.equal(outcomeOf("build_failed", [], 8)?.verdict, "build_error");
  assert.equal(outcomeOf("deploy_failed", [], 8)?.verdict, "deploy_error");
  assert.equal(outcomeOf("failed", [result("a", "pass")], 8)?.verdict, "judge_error");
});

test("exit statuses separate every class, and only accepted exits 0", () => {
  const codes = OVERALL_VERDICTS.map(exitCodeOf);
  assert.deepEqual(codes, [0, 1, 1, 3, 3, 4]);
  assert.ok(!codes.includes(EXIT_CODES.usage), "usage errors keep their own status");
});
