// advance sets the overall verdict with every terminal status, and only then.
import assert from "node:assert/strict";
import { test } from "vitest";
import { advance } from "../../../shared/domain/lifecycle.ts";
import { isTerminal } from "../../../shared/domain/status.ts";
import type { Submission } from "../../../shared/domain/submission.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";

const SCENARIOS = ["leader_election", "log_replication", "network_partition"];

function at(status: Submission["status"]): Submission {
  return aSubmission({ scenarios: SCENARIOS, status, createdAt: 100, updatedAt: 100 });
}

test("completed: the outcome comes from the stored results, first failure named", () => {
  const results = [
    aResult("leader_election"),
    aResult("log_replication", "fail"),
    aResult("network_partition", "fail"),
  ];
  const done = advance(at("testing"), "completed", 500, { results });
  assert.equal(done.status, "completed");
  assert.deepEqual(done.outcome, {
    verdict: "wrong_answer",
    passed: 1,
    total: 3,
    firstFailure: { scenario: "log_replication", reason: "a stale read" },
  });
});

test("completed with every scenario passed is accepted", () => {
  const results = SCENARIOS.map((name) => aResult(name));
  const done = advance(at("testing"), "completed", 500, { results });
  assert.deepEqual(done.outcome, { verdict: "accepted", passed: 3, total: 3 });
});

test("build_failed and deploy_failed carry their error verdict without results", () => {
  const error = { stage: "build" as const, message: "it did not build" };
  const built = advance(at("building"), "build_failed", 300, { error });
  assert.deepEqual(built.outcome, { verdict: "build_error", passed: 0, total: 3 });
  assert.deepEqual(built.error, error);
  const deployed = advance(at("deploying"), "deploy_failed", 300);
  assert.deepEqual(deployed.outcome, { verdict: "deploy_error", passed: 0, total: 3 });
});

test("failed counts what passed before the judge gave up", () => {
  const failed = advance(at("testing"), "failed", 300, { results: [aResult("leader_election")] });
  assert.deepEqual(failed.outcome, { verdict: "judge_error", passed: 1, total: 3 });
  assert.equal("results" in failed, false, "the results are not copied onto the submission");
});

test("moving to completed or failed without the results is refused", () => {
  const untyped = advance as (s: Submission, to: string, nowMs: number) => Submission;
  for (const to of ["completed", "failed"]) {
    assert.throws(() => untyped(at("testing"), to, 300), /needs the stored results/, to);
  }
});

test("no status before the end has an outcome", () => {
  const building = advance(at("queued"), "building", 200);
  const deploying = advance(building, "deploying", 300);
  const testing = advance(deploying, "testing", 400);
  for (const s of [building, deploying, testing]) {
    assert.equal(isTerminal(s.status), false);
    assert.equal(s.outcome, undefined, s.status);
  }
});
