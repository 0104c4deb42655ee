// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise: the crashes, the bridge, the two skewed clocks and the bound they give the check.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { clockBoundMs, CLOCK_MARGIN_MS, PLANS } from "../plans/index.ts";
import { SKEW_MS } from "../plans/skewed-clocks.ts";
import { lwwMap } from "../problem.ts";

const nodes = ["node-0", "node-1", "node-2"];

plansSuite(lwwMap, { maxMs: 12_000 });

test("crash_restart kills and restarts every node once, with its true clock", () => {
  const faults = PLANS["crash_restart"]?.(7).faults ?? [];
  const killed = faults.flatMap((f) => (f.action.kind === "kill" ? [f.action.node] : []));
  const started = faults.flatMap((f) => (f.action.kind === "start" ? [f.action.node] : []));
  assert.deepEqual([...killed].sort(), nodes);
  assert.deepEqual(started, killed);
  assert.equal(clockBoundMs(PLANS["crash_restart"]!(7)), CLOCK_MARGIN_MS);
});

test("skewed_clocks starts one node ahead and another behind, and widens the bound", () => {
  for (const seed of [1, 2, 3]) {
    const plan = PLANS["skewed_clocks"]!(seed);
    const skews = new Map(
      plan.faults.flatMap((f) =>
        f.action.kind === "start" ? [[f.action.node, f.action.skewMs]] : [],
      ),
    );
    assert.deepEqual([...skews.values()].sort(), [-SKEW_MS, SKEW_MS], `seed ${seed}`);
    assert.equal(skews.size, 2, "two different nodes");
    assert.equal(clockBoundMs(plan), CLOCK_MARGIN_MS + 2 * SKEW_MS);
  }
});

test("partitioned_races makes one node the only bridge between the other two", () => {
  for (const seed of [1, 2, 3]) {
    const faults = PLANS["partitioned_races"]?.(seed).faults ?? [];
    const bridged = faults.find(
      (f) =>
        f.action.kind === "partition" &&
        f.action.groups.length === 2 &&
        f.action.groups.every((g) => g.length === 2),
    );
    assert.ok(bridged, `seed ${seed}`);
  }
});

test("partitioned_races stops the clients while the bridge still stands", () => {
  const plan = PLANS["partitioned_races"]!(1);
  const hold = plan.faults.find((f) => f.action.kind === "hold-clients");
  const bridge = plan.faults.filter((f) => f.action.kind === "partition").at(-1);
  assert.ok(hold && bridge && hold.atMs > bridge.atMs && hold.atMs < plan.workloadMs);
  assert.ok(
    !plan.faults.some(
      (f) =>
        f.action.kind === "release-clients" || (f.action.kind === "heal" && f.atMs > hold.atMs),
    ),
  );
});

test("partitioned_races puts a key on one side of the bridge, then deletes it at the bridge", () => {
  for (const seed of [1, 2, 3]) {
    const plan = lwwMap.plans["partitioned_races"]?.(seed);
    const steps = plan?.faults.flatMap((f) => (f.action.kind === "request" ? [f] : [])) ?? [];
    const bridged = plan?.faults.find(
      (f) => f.action.kind === "partition" && f.action.groups.every((g) => g.length === 2),
    );
    assert.ok(bridged?.action.kind === "partition");
    const [[left, bridge], [, right]] = bridged.action.groups as [string[], string[]];
    assert.deepEqual(
      steps.map((s) => s.action.kind === "request" && [s.action.node, s.action.request]),
      [
        [left, { f: "put", key: "late" }],
        [bridge, { f: "delete", key: "late" }],
      ],
    );
    assert.ok(
      steps.every((s) => s.atMs > bridged.atMs && s.atMs < 6000),
      `seed ${seed}`,
    );
    assert.notEqual(right, left);
  }
});
