// The fixed window's checks on hand-made runs: each one holding, violated, and inconclusive
// with no evidence; the windows' placement widening what a stretch may hold.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { AllowOp, RateRecord } from "../../../harness/rate-limit/index.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { windowBound, windowChecks } from "../checks.ts";

const [overAdmission, overDenial] = windowChecks as [
  (typeof windowChecks)[number],
  (typeof windowChecks)[number],
];
const OPTS = { searchTimeoutMs: 1000 };
const LIMIT = { limit: 2, windowMs: 1000 };

/** Time 0 at 0; each node answered its Configure within `spreadMs`. */
const recordOf = (spreadMs: number): RateRecord => ({
  limit: LIMIT,
  epochMs: 0,
  configures: ["node-0", "node-1", "node-2"].map((node) => ({
    node,
    starts: 1,
    attempts: [{ node, startMs: 0, endMs: spreadMs, result: "ok", elapsedMs: 0 }],
    answeredMs: spreadMs,
  })),
});

let nextId = 0;
function allow(
  startMs: number,
  endMs: number,
  allowed: boolean,
  extra: Partial<AllowOp> = {},
): AllowOp {
  return {
    id: ++nextId,
    client: `c${nextId}`,
    sequence: 1,
    f: "allow",
    key: "k",
    outcome: "ok",
    output: allowed,
    startMs,
    endMs,
    attempts: [{ node: "node-1", startMs, endMs, result: "ok" }],
    ...extra,
  };
}

const runOf = (history: AllowOp[], record: RateRecord | null = recordOf(5)) =>
  runRecord<AllowOp>({
    problem: "fixed-window",
    nodes: ["node-0", "node-1", "node-2"],
    endMs: 60_000,
    history,
    ...(record && { problemRecord: record }),
  });

test("the bound counts every window a stretch can meet, each placed up to the spread late", () => {
  const { bound } = windowBound(LIMIT, 0, 50);
  assert.equal(bound(100, 900), 2, "inside window 0 wherever it lies");
  assert.equal(bound(1020, 1500), 4, "window 0 may still be open until 1050");
  assert.equal(bound(1060, 1900), 2);
  assert.equal(bound(900, 2100), 6);
});

test("over-admission holds at the limit per window, and across a boundary twice the limit", () => {
  const history = [
    allow(400, 410, true),
    allow(400, 410, true),
    allow(990, 995, true),
    allow(1010, 1020, true),
  ];
  // 990–995 cannot be window 1's wherever the windows lie: a third in window 0.
  assert.equal(overAdmission.run(runOf(history), OPTS).status, "violated");
  assert.equal(
    overAdmission.run(runOf([history[0]!, history[1]!, history[3]!]), OPTS).status,
    "holds",
  );
  // Two at the end of window 0 and two at the start of window 1: allowed.
  const edges = [
    allow(980, 990, true),
    allow(980, 990, true),
    allow(1010, 1015, true),
    allow(1010, 1015, true),
  ];
  assert.equal(overAdmission.run(runOf(edges), OPTS).status, "holds");
});

test("over-admission: a request near a boundary within the spread may belong to either window", () => {
  // Window 0 may end as late as 1050 (a 50 ms spread): three allowed in [1003, 1040] may be
  // two of window 0's and one of window 1's. With no spread they all fall in window 1.
  const near = [allow(1003, 1004, true), allow(1003, 1004, true), allow(1039, 1040, true)];
  assert.equal(overAdmission.run(runOf(near, recordOf(50)), OPTS).status, "holds");
  assert.equal(overAdmission.run(runOf(near, recordOf(0)), OPTS).status, "violated");
});

test("over-admission is inconclusive with nothing allowed or nothing configured", () => {
  assert.equal(overAdmission.run(runOf([allow(10, 20, false)]), OPTS).status, "inconclusive");
  assert.equal(overAdmission.run(runOf([allow(10, 20, true)], null), OPTS).status, "inconclusive");
});

test("over-denial holds when the steady stretch goes through, and is violated when it does not", () => {
  const steady = (deniedEvery: number) =>
    Array.from({ length: 40 }, (_, i) =>
      allow(2000 + i * 300, 2010 + i * 300, i % deniedEvery !== 0, { steady: true, key: "s" }),
    );
  assert.equal(overDenial.run(runOf(steady(Infinity)), OPTS).status, "holds");
  assert.equal(overDenial.run(runOf(steady(4)), OPTS).status, "violated");
  assert.equal(overDenial.run(runOf(steady(4).slice(0, 10)), OPTS).status, "inconclusive");
});
