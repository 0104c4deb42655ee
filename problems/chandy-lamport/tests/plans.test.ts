// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { PAUSE_AT_MS, PAUSE_MS } from "../plans/paused-node.ts";
import { chandyLamport } from "../problem.ts";
import type { SnapshotWorkload } from "../workload.ts";

plansSuite(chandyLamport, { maxMs: 12_000 });

const workloadOf = (name: string, seed: number): SnapshotWorkload =>
  chandyLamport.plans[name]?.(seed).workload as SnapshotWorkload;

test("every plan's snapshots have distinct ids from 1, start within the workload, and are paid around", () => {
  for (const [name, plan] of Object.entries(chandyLamport.plans))
    for (const seed of [1, 2, 3, 99]) {
      const { snapshots } = workloadOf(name, seed);
      assert.deepEqual(
        snapshots.map((s) => s.snapshotId),
        snapshots.map((_, i) => i + 1),
      );
      for (const s of snapshots) {
        assert.ok(s.atMs > 0 && s.atMs < plan(seed).workloadMs - 500, `${name} ${s.atMs}`);
        assert.notEqual(s.primeFrom, s.node);
        assert.notEqual(s.payTo, s.node);
      }
    }
});

test("concurrent_snapshots starts two or three snapshots at different nodes at once, three times", () => {
  for (const seed of [1, 2, 3, 99]) {
    const { snapshots } = workloadOf("concurrent_snapshots", seed);
    const groups = [...new Set(snapshots.map((s) => s.atMs))];
    assert.equal(groups.length, 3);
    for (const at of groups) {
      const nodes = snapshots.filter((s) => s.atMs === at).map((s) => s.node);
      assert.ok(nodes.length >= 2 && new Set(nodes).size === nodes.length);
    }
  }
});

test("paused_node starts a snapshot at another node while the node is paused, paid by a running one", () => {
  for (const seed of [1, 2, 3, 99]) {
    const plan = chandyLamport.plans["paused_node"]?.(seed);
    const pause = plan?.faults.find((f) => f.action.kind === "pause")?.action;
    assert.ok(pause?.kind === "pause");
    const during = workloadOf("paused_node", seed).snapshots.filter(
      (s) => s.atMs > PAUSE_AT_MS && s.atMs < PAUSE_AT_MS + PAUSE_MS,
    );
    assert.ok(during.length >= 1);
    for (const s of during) {
      assert.notEqual(s.node, pause.node);
      assert.notEqual(s.primeFrom, pause.node);
    }
  }
});
