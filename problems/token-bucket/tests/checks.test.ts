// The token bucket's checks on hand-made runs: each one holding, violated, and inconclusive
// with no evidence.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { AllowOp, RateRecord } from "../../../harness/rate-limit/index.ts";
import type { FaultWindow } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { bucketChecks } from "../checks.ts";

const [overAdmission, overDenial] = bucketChecks as [
  (typeof bucketChecks)[number],
  (typeof bucketChecks)[number],
];
const OPTS = { searchTimeoutMs: 1000 };
const LIMIT = { burst: 2, refillPerSecond: 1 };
const RECORD: RateRecord = {
  limit: LIMIT,
  epochMs: 0,
  configures: ["node-0", "node-1", "node-2"].map((node) => ({
    node,
    starts: 1,
    attempts: [{ node, startMs: 0, endMs: 5, result: "ok", elapsedMs: 0 }],
    answeredMs: 5,
  })),
};

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
    attempts: [{ node: "node-0", startMs, endMs, result: "ok" }],
    ...extra,
  };
}

const runOf = (
  history: AllowOp[],
  faults: FaultWindow[] = [],
  record: RateRecord | null = RECORD,
) =>
  runRecord<AllowOp>({
    problem: "token-bucket",
    nodes: ["node-0", "node-1", "node-2"],
    endMs: 60_000,
    history,
    faults,
    ...(record && { problemRecord: record }),
  });

test("over-admission holds while every window keeps within burst + refill × length", () => {
  // Two at once (the burst), then one per second.
  const history = [
    allow(10, 20, true),
    allow(10, 20, true),
    allow(1100, 1110, true),
    allow(2100, 2110, true),
  ];
  assert.equal(overAdmission.run(runOf(history), OPTS).status, "holds");
});

test("over-admission is violated by a third request inside the burst's window", () => {
  const history = [allow(10, 20, true), allow(12, 22, true), allow(15, 25, true)];
  const result = overAdmission.run(runOf(history), OPTS);
  assert.equal(result.status, "violated");
  assert.match(result.message, /3 requests were allowed wholly inside/);
  assert.equal(result.excerpt?.length, 3);
});

test("over-admission counts only what surely fell inside: overlapping intervals may spread out", () => {
  // Three allowed, but their intervals span 2 s: each may have been decided a second apart.
  const history = [allow(0, 2000, true), allow(0, 2000, true), allow(0, 2000, true)];
  assert.equal(overAdmission.run(runOf(history), OPTS).status, "holds");
  // Denied and unanswered requests are never counted.
  const others = [
    allow(10, 20, true),
    allow(10, 20, true),
    allow(10, 20, false),
    { ...allow(10, 20, true), outcome: "info" as const },
  ];
  assert.equal(overAdmission.run(runOf(others), OPTS).status, "holds");
});

test("over-admission is inconclusive with nothing allowed or nothing configured", () => {
  assert.equal(overAdmission.run(runOf([allow(10, 20, false)]), OPTS).status, "inconclusive");
  assert.equal(
    overAdmission.run(runOf([allow(10, 20, true)], [], null), OPTS).status,
    "inconclusive",
  );
});

const steadyOps = (allowedEvery: number) =>
  Array.from({ length: 40 }, (_, i) =>
    allow(2000 + i * 500, 2010 + i * 500, i % allowedEvery !== 0, { steady: true, key: "s" }),
  );

test("over-denial holds when the steady stretch goes through, and is violated when it does not", () => {
  assert.equal(overDenial.run(runOf(steadyOps(Infinity)), OPTS).status, "holds");
  const denied = overDenial.run(runOf(steadyOps(3)), OPTS);
  assert.equal(denied.status, "violated");
  assert.match(denied.message, /26 of 40 requests/);
});

test("over-denial judges nothing during a fault, shortly after one, or before configuration", () => {
  const during = overDenial.run(
    runOf(steadyOps(2), [{ startMs: 0, endMs: null, description: "partition" }]),
    OPTS,
  );
  assert.equal(during.status, "inconclusive");
  const justAfter = overDenial.run(
    runOf(steadyOps(2), [{ startMs: 0, endMs: 21_000, description: "kill" }]),
    OPTS,
  );
  assert.equal(justAfter.status, "inconclusive");
  const unanswered = { ...RECORD, configures: [{ ...RECORD.configures[0]!, answeredMs: null }] };
  assert.equal(overDenial.run(runOf(steadyOps(2), [], unanswered), OPTS).status, "inconclusive");
});
