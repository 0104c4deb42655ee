import assert from "node:assert/strict";
import { test } from "vitest";
import { advance } from "../../../shared/domain/lifecycle.ts";
import {
  IllegalTransitionError,
  STATUSES,
  canTransition,
  isTerminal,
  type SubmissionStatus,
} from "../../../shared/domain/status.ts";
import type { Submission } from "../../../shared/domain/submission.ts";

// The whole table, written out: every pair not listed here must be refused.
const LEGAL: [SubmissionStatus, SubmissionStatus][] = [
  ["queued", "building"],
  ["queued", "failed"],
  ["building", "deploying"],
  ["building", "build_failed"],
  ["building", "failed"],
  ["deploying", "testing"],
  ["deploying", "deploy_failed"],
  ["deploying", "failed"],
  ["testing", "completed"],
  ["testing", "failed"],
];

test("exactly the listed transitions are legal", () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const expected = LEGAL.some(([f, t]) => f === from && t === to);
      assert.equal(canTransition(from, to), expected, `${from} → ${to}`);
    }
  }
});

test("the terminal statuses are the four outcomes", () => {
  assert.deepEqual(STATUSES.filter(isTerminal), [
    "completed",
    "build_failed",
    "deploy_failed",
    "failed",
  ]);
});

function queued(): Submission {
  return {
    id: "s-1",
    problemId: 1,
    problem: "raft",
    language: "typescript",
    files: { "main.ts": "" },
    seed: 1,
    scenarios: ["leader_election"],
    status: "queued",
    createdAt: 100,
    updatedAt: 100,
    stageTimes: { queued: 100 },
  };
}

test("advance stamps the time of each stage and keeps the earlier ones", () => {
  const building = advance(queued(), "building", 200);
  const deploying = advance(building, "deploying", 300, {
    build: { command: { argv: ["node", "main.js"], cwd: "/b" }, outDir: "/b", log: [] },
  });
  assert.deepEqual(deploying.stageTimes, { queued: 100, building: 200, deploying: 300 });
  assert.equal(deploying.updatedAt, 300);
  assert.equal(deploying.createdAt, 100);
  assert.deepEqual(deploying.build?.command.argv, ["node", "main.js"]);
});

test("advance refuses an illegal move and names it", () => {
  assert.throws(
    () => advance(queued(), "testing", 200),
    (err: unknown) =>
      err instanceof IllegalTransitionError &&
      err.from === "queued" &&
      err.to === "testing" &&
      /queued → testing/.test(err.message),
  );
});

test("a status change ends the claim of the step that was working", () => {
  const claimed = { ...advance(queued(), "building", 200) };
  claimed.claim = { step: "build", holder: "m1", attempt: 1, token: "t1", expiresAtMs: 10_000 };
  assert.equal(advance(claimed, "build_failed", 300).claim, undefined);
  assert.equal(advance(claimed, "deploying", 300).claim, undefined);
});

test("advance does not change the submission it was given", () => {
  const s = queued();
  const copy = structuredClone(s);
  advance(s, "building", 200);
  assert.deepEqual(s, copy);
});
