// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { seededRandom } from "../../../harness/random.ts";
import { orSet } from "../problem.ts";
import { partitionedRaces } from "../plans/partitioned-races.ts";
import { nextOp } from "../workload.ts";

const nodes = ["node-0", "node-1", "node-2"];

plansSuite(orSet, { maxMs: 12_000 });

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

test("partitioned_races only removes the retired elements once they retire", () => {
  const plan = partitionedRaces(5);
  assert.ok(plan.workload.retire);
  const { atMs, elements } = plan.workload.retire;
  const rng = seededRandom(5);
  const ops = (at: number) => Array.from({ length: 400 }, () => nextOp(rng, plan.workload, at));
  const retiredAdds = (at: number) =>
    ops(at).filter((op) => op.f === "add" && elements.includes(op.key ?? "")).length;
  assert.ok(retiredAdds(atMs - 1) > 0, "added before they retire");
  assert.equal(retiredAdds(atMs), 0);
  assert.ok(
    ops(atMs).some((op) => op.f === "add"),
    "the other elements are still added",
  );
});

test("partitioned_races adds a key on both sides of the bridge, then removes it on one", () => {
  for (const seed of [1, 2, 3]) {
    const plan = partitionedRaces(seed);
    const bridged = plan.faults.find(
      (f) => f.action.kind === "partition" && f.action.groups.every((g) => g.length === 2),
    );
    assert.ok(bridged?.action.kind === "partition");
    const [[left], [, right]] = bridged.action.groups as [string[], string[]];
    const steps = plan.faults.flatMap((f) => (f.action.kind === "request" ? [f] : []));
    assert.deepEqual(
      steps.map((s) => s.action.kind === "request" && [s.action.node, s.action.request]),
      [
        [right, { f: "add", key: "late" }],
        [left, { f: "add", key: "late" }],
        [left, { f: "remove", key: "late" }],
      ],
    );
    assert.ok(
      steps.every((s) => s.atMs > bridged.atMs),
      `seed ${seed}`,
    );
    assert.ok(!plan.workload.elements.includes("late"));
  }
});
