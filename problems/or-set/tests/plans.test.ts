// The scenarios are plain data: same seed, same plan; every fault names a node of the
// cluster; every plan ends within CI's share (a short run) and heals what it broke.
import assert from "node:assert/strict";
import { test } from "vitest";
import { orSet } from "../problem.ts";

const nodes = ["node-0", "node-1", "node-2"];

for (const [name, plan] of Object.entries(orSet.plans)) {
  test(`${name}: deterministic, named nodes, short`, () => {
    for (const seed of [1, 2, 3, 99]) {
      const p = plan(seed);
      assert.deepEqual(p, plan(seed));
      assert.equal(p.name, name);
      assert.ok(p.workloadMs + p.recoveryMs <= 12_000, "short enough for CI's share");
      for (const { action, atMs } of p.faults) {
        assert.ok(atMs >= 0 && atMs <= p.workloadMs, `${name} ${action.kind} at ${atMs}`);
        const named = JSON.stringify(action).match(/node-\d+/g) ?? [];
        for (const n of named) assert.ok(nodes.includes(n), n);
      }
    }
  });
}

test("crash_restart kills and restarts every node once", () => {
  const faults = orSet.plans["crash_restart"]?.(7).faults ?? [];
  const killed = faults.flatMap((f) => (f.action.kind === "kill" ? [f.action.node] : []));
  const started = faults.flatMap((f) => (f.action.kind === "start" ? [f.action.node] : []));
  assert.deepEqual([...killed].sort(), nodes);
  assert.deepEqual(started, killed);
});

test("partitioned_races makes one node the only bridge between the other two", () => {
  for (const seed of [1, 2, 3]) {
    const faults = orSet.plans["partitioned_races"]?.(seed).faults ?? [];
    const bridged = faults.find(
      (f) =>
        f.action.kind === "partition" &&
        f.action.groups.length === 2 &&
        f.action.groups.every((g) => g.length === 2),
    );
    assert.ok(bridged, `seed ${seed}`);
  }
});
