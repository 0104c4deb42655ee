// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { gossipBroadcast } from "../problem.ts";

plansSuite(gossipBroadcast, { maxMs: 12_000 });

test("crash_restart kills and restarts three different nodes once each", () => {
  const faults = gossipBroadcast.plans["crash_restart"]?.(7).faults ?? [];
  const killed = faults.flatMap((f) => (f.action.kind === "kill" ? [f.action.node] : []));
  const started = faults.flatMap((f) => (f.action.kind === "start" ? [f.action.node] : []));
  assert.equal(new Set(killed).size, 3);
  assert.deepEqual(started, killed);
});

test("efficiency delays every peer link 100 ms and leaves the judge's links clean", () => {
  const plan = gossipBroadcast.plans["efficiency"]?.(1);
  assert.deepEqual(
    plan?.faults.map((f) => f.action),
    [
      {
        kind: "flaky",
        dropProbability: 0,
        loseAnswerProbability: 0,
        delayMs: 100,
        jitterMs: 0,
        clients: false,
      },
    ],
  );
});

test("partitioned_broadcasts splits two nodes from three, then one from four", () => {
  for (const seed of [1, 2, 3]) {
    const sizes = (gossipBroadcast.plans["partitioned_broadcasts"]?.(seed).faults ?? []).flatMap(
      (f) => (f.action.kind === "partition" ? [f.action.groups[0]?.length] : []),
    );
    assert.deepEqual(sizes, [2, 1], `seed ${seed}`);
  }
});
