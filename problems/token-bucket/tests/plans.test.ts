// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise the checks and the mutants: steady streams a correct bucket never denies, and the
// restart's second burst due well within a refill of the whole bucket.
import assert from "node:assert/strict";
import { test } from "vitest";
import { peakRatePerSecond } from "../../../harness/rate-limit/index.ts";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { OVER_DENIAL } from "../limits.ts";
import { tokenBucket } from "../problem.ts";
import type { BucketWorkload } from "../plans/limit.ts";

plansSuite(tokenBucket, { maxMs: 9000 });

const workloads = Object.entries(tokenBucket.plans).map(
  ([name, plan]) => [name, plan(5).workload as BucketWorkload] as const,
);

test("a steady stream keeps below half its bucket and its refill, on a key of its own", () => {
  for (const [name, { limit, streams, bursts }] of workloads)
    for (const stream of streams.filter((s) => s.steady)) {
      assert.ok(stream.clients <= limit.burst / 2, `${name} ${stream.key}: clients`);
      assert.ok(peakRatePerSecond(stream) <= limit.refillPerSecond / 2, `${name} ${stream.key}`);
      // statement.md, "Over-denial": the settle time covers 2·(clients + 1)/refill.
      assert.ok(OVER_DENIAL.settleMs >= (2000 * (stream.clients + 1)) / limit.refillPerSecond);
      const others = [...streams.filter((s) => s !== stream), ...bursts];
      assert.ok(!others.some((s) => s.key === stream.key), `${name} ${stream.key}: shared`);
    }
});

test("restart: the second burst comes after every node is configured again", () => {
  const plan = tokenBucket.plans["restart"]?.(1);
  const workload = plan?.workload as BucketWorkload;
  const started = plan?.faults.find((f) => f.action.kind === "start-all")?.atMs ?? Infinity;
  const second = workload.bursts[1];
  assert.ok(second?.whenConfigured && second.atMs > started);
  assert.ok(second.requests >= 2 * workload.limit.burst);
});
