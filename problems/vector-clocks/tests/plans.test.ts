// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { vectorClocks } from "../problem.ts";

const nodes = ["node-0", "node-1", "node-2"];

plansSuite(vectorClocks, { maxMs: 12_000 });

test("steady has no fault, so every message arrives at once", () => {
  assert.deepEqual(vectorClocks.plans["steady"]?.(1).faults, []);
});

test("crash_restart kills and restarts every node once", () => {
  const faults = vectorClocks.plans["crash_restart"]?.(7).faults ?? [];
  const killed = faults.flatMap((f) => (f.action.kind === "kill" ? [f.action.node] : []));
  const started = faults.flatMap((f) => (f.action.kind === "start" ? [f.action.node] : []));
  assert.deepEqual([...killed].sort(), nodes);
  assert.deepEqual(started, killed);
});

test("partitioned_sends cuts one node off twice, healing in between", () => {
  for (const seed of [1, 2, 3]) {
    const kinds = (vectorClocks.plans["partitioned_sends"]?.(seed).faults ?? []).map(
      (f) => f.action.kind,
    );
    assert.deepEqual(kinds, ["partition", "heal", "partition"], `seed ${seed}`);
  }
});
