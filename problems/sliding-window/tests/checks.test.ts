// The sliding window checks on hand-made runs: the bound per span, the over-admission check
// holding, violated with the requests it counted, and inconclusive with nothing configured.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { AllowOp, RateRecord } from "../../../harness/rate-limit/index.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { windowBound, windowChecks } from "../checks.ts";
import type { WindowLimit } from "../client.ts";

const LIMIT: WindowLimit = { limit: 2, windowMs: 1000 };
const OPTS = { searchTimeoutMs: 1000 };
let nextId = 0;

function allow(key: string, startMs: number, endMs: number, allowed = true): AllowOp {
  return {
    id: nextId++,
    client: `c${nextId}`,
    sequence: 1,
    f: "allow",
    key,
    output: allowed,
    outcome: "ok",
    startMs,
    endMs,
    attempts: [{ node: "node-0", startMs, endMs, result: "ok" }],
  };
}

function runOf(history: AllowOp[], limit: WindowLimit | null = LIMIT): RunRecord<AllowOp> {
  const record: RateRecord | undefined = limit ? { limit, epochMs: 0, configures: [] } : undefined;
  return runRecord({
    problem: "sliding-window",
    nodes: ["node-0", "node-1", "node-2"],
    history,
    ...(record && { problemRecord: record }),
  });
}

const overAdmission = (history: AllowOp[], limit?: WindowLimit | null) =>
  windowChecks[0]?.run(runOf(history, limit), OPTS);

test("the bound is the limit for a span shorter than the window, less a clock margin, and grows a limit per window", () => {
  const { bound } = windowBound(LIMIT);
  assert.equal(bound(0, 0), 2);
  assert.equal(bound(0, 990), 2);
  assert.equal(bound(0, 996), 4, "within 5 ms of a window: two windows");
  assert.equal(bound(0, 2500), 6);
});

test("limit requests in a window, or three spread over more than one, hold; three inside one are named", () => {
  const spread = [allow("k", 0, 10), allow("k", 500, 510), allow("k", 1100, 1110)];
  assert.equal(overAdmission(spread)?.status, "holds");
  // A denied request and an unanswered one are not counted.
  const uncounted = [
    allow("k", 520, 530, false),
    { ...allow("k", 540, 550), outcome: "info" as const, endMs: null },
  ];
  assert.equal(overAdmission([...spread, ...uncounted])?.status, "holds");
  // Another key has its own limit.
  assert.equal(
    overAdmission([...spread, allow("j", 505, 515), allow("j", 506, 516)])?.status,
    "holds",
  );
  const result = overAdmission([...spread, allow("k", 900, 990)]);
  assert.equal(result?.status, "violated");
  assert.match(
    result?.message ?? "",
    /Key "k": 3 requests were allowed wholly inside 0\.0 s – 1\.0 s, .* a span of 0\.990 s, which meets 1 window: 2\./,
  );
  assert.equal(result?.excerpt?.length, 3);
});

test("a request whose interval reaches past the window is not counted in it", () => {
  // The third request may have been decided at 1.1 s, after the first left the window.
  const wide = [allow("k", 0, 10), allow("k", 500, 510), allow("k", 600, 1100)];
  assert.equal(overAdmission(wide)?.status, "holds");
});

test("nothing configured, or nothing allowed: inconclusive", () => {
  assert.equal(overAdmission([allow("k", 0, 10)], null)?.status, "inconclusive");
  assert.equal(overAdmission([allow("k", 0, 10, false)])?.status, "inconclusive");
});
