// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { GRANT_WITHIN_MS, SETTLE_MS, STARTUP_GRACE_MS } from "../limits.ts";
import { ricartAgrawala } from "../problem.ts";
import type { MutexWorkload } from "../workload.ts";

plansSuite(ricartAgrawala, { maxMs: 10_000 });

test("contention delays every peer call past the moment the three first acquires are sent together", () => {
  const plan = ricartAgrawala.plans["contention"]?.(5);
  const [delay, heal] = plan?.faults ?? [];
  assert.ok(delay?.action.kind === "flaky" && heal?.action.kind === "heal");
  assert.equal(delay.atMs, 0);
  assert.equal(delay.action.jitterMs, 0);
  assert.equal(delay.action.clients, false);
  const first = (plan?.workload as MutexWorkload).firstAcquireMs;
  assert.ok(first >= 300 && first + delay.action.delayMs < heal.atMs);
});

test("every scenario leaves time with no fault for the grant bound, no scenario kills a node", () => {
  for (const [name, make] of Object.entries(ricartAgrawala.plans)) {
    for (const seed of [1, 2, 3]) {
      const plan = make(seed);
      const lastFaultEnd = Math.max(0, ...plan.faults.map((f) => f.atMs));
      const clean = Math.max(lastFaultEnd + SETTLE_MS, STARTUP_GRACE_MS);
      assert.ok(plan.workloadMs - clean >= GRANT_WITHIN_MS / 2, name);
      assert.ok(!plan.faults.some((f) => f.action.kind === "kill"), name);
    }
  }
});
