// The leaky bucket checks on hand-made runs: the outflow bound per span, the queue wait in
// settled fault-free stretches, each holding, violated with the requests, and inconclusive
// with nothing configured or nothing to judge.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { AllowOp, RateRecord } from "../../../harness/rate-limit/index.ts";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { bucketChecks, outflowBound, queueWaitCheck } from "../checks.ts";
import type { QueueLimit } from "../client.ts";

const LIMIT: QueueLimit = { drainPerSecond: 10, queueSize: 3 };
const OPTS = { searchTimeoutMs: 1000 };
let nextId = 0;

function allow(startMs: number, endMs: number, allowed = true): AllowOp {
  return {
    id: nextId++,
    client: `c${nextId}`,
    sequence: 1,
    f: "allow",
    key: "k",
    output: allowed,
    outcome: "ok",
    startMs,
    endMs,
    attempts: [{ node: "node-0", startMs, endMs, result: "ok" }],
  };
}

function runOf(
  history: AllowOp[],
  faults: FaultWindow[] = [],
  configured = true,
): RunRecord<AllowOp> {
  const record: RateRecord = {
    limit: LIMIT,
    epochMs: 0,
    configures: [
      {
        node: "node-0",
        starts: 1,
        attempts: [{ node: "node-0", startMs: 0, endMs: 5, result: "ok", elapsedMs: 0 }],
        answeredMs: 5,
      },
    ],
  };
  return runRecord({
    problem: "leaky-bucket",
    nodes: ["node-0", "node-1", "node-2"],
    history,
    faults,
    ...(configured && { problemRecord: record }),
  });
}

test("the outflow bound is one request per drain interval a span meets", () => {
  const { bound } = outflowBound(LIMIT);
  assert.equal(bound(0, 0), 1);
  assert.equal(bound(0, 94), 1);
  assert.equal(bound(0, 96), 2, "within 5 ms of an interval");
  assert.equal(bound(0, 1000), 11);
});

test("outflow: requests a drain interval apart hold; two inside one are named", () => {
  const outflow = bucketChecks[0];
  const spaced = [allow(2000, 2010), allow(2100, 2110), allow(2200, 2230)];
  assert.equal(outflow?.run(runOf(spaced), OPTS).status, "holds");
  const result = outflow?.run(runOf([...spaced, allow(2120, 2150)]), OPTS);
  assert.equal(result?.status, "violated");
  assert.match(
    result?.message ?? "",
    /Key "k": 3 requests were allowed wholly inside 2\.0 s – 2\.1 s, .* a span of 0\.150 s meets 2\./,
  );
});

test("queue wait: an answer within queue_size intervals and the grace holds; a longer one in a settled stretch is named", () => {
  // queue_size 3 at 10/s: 300 ms + 1000 ms of grace.
  assert.equal(queueWaitCheck.run(runOf([allow(2000, 3290)]), OPTS).status, "holds");
  const late = queueWaitCheck.run(runOf([allow(2000, 3400), allow(2500, 2510)]), OPTS);
  assert.equal(late.status, "violated");
  assert.match(late.message, /1 allowed requests waited longer .* the longest 1400 ms/);
  // Denied, or too soon after the configuration, or during a fault: not judged.
  assert.equal(queueWaitCheck.run(runOf([allow(2000, 3400, false)]), OPTS).status, "inconclusive");
  assert.equal(queueWaitCheck.run(runOf([allow(1000, 2400)]), OPTS).status, "inconclusive");
  const fault: FaultWindow = { startMs: 1800, endMs: 2100, description: "partition" };
  assert.equal(
    queueWaitCheck.run(runOf([allow(2000, 3400)], [fault]), OPTS).status,
    "inconclusive",
  );
  assert.equal(
    queueWaitCheck.run(runOf([allow(2000, 2010)], [], false), OPTS).status,
    "inconclusive",
  );
});
