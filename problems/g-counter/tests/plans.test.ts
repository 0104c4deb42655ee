// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { gCounter } from "../problem.ts";

const nodes = ["node-0", "node-1", "node-2"];

plansSuite(gCounter, { maxMs: 12_000 });

test("crash_restart kills and restarts every node once", () => {
  const faults = gCounter.plans["crash_restart"]?.(7).faults ?? [];
  const killed = faults.flatMap((f) => (f.action.kind === "kill" ? [f.action.node] : []));
  const started = faults.flatMap((f) => (f.action.kind === "start" ? [f.action.node] : []));
  assert.deepEqual([...killed].sort(), nodes);
  assert.deepEqual(started, killed);
});
