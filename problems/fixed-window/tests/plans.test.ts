// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise the checks and the mutants: steady streams a correct limiter never denies, bursts
// in the middle of a window, and the restart's second burst inside the first burst's window.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { OVER_DENIAL } from "../limits.ts";
import { fixedWindow } from "../problem.ts";
import type { WindowWorkload } from "../plans/limit.ts";

plansSuite(fixedWindow, { maxMs: 9000 });

const workloads = Object.entries(fixedWindow.plans).map(
  ([name, plan]) => [name, plan(5).workload as WindowWorkload] as const,
);

test("a steady stream sends at most half the limit in any window, on a key of its own", () => {
  for (const [name, { limit, streams, bursts }] of workloads)
    for (const stream of streams.filter((s) => s.steady)) {
      const perWindow = stream.clients * (1 + limit.windowMs / stream.thinkMs[0]);
      assert.ok(perWindow <= limit.limit / 2, `${name} ${stream.key}: ${perWindow} per window`);
      // statement.md, "Over-denial": a node configured late admits from its next window.
      assert.ok(OVER_DENIAL.settleMs >= limit.windowMs + 250, `${name}: settle`);
      const others = [...streams.filter((s) => s !== stream), ...bursts];
      assert.ok(!others.some((s) => s.key === stream.key), `${name} ${stream.key}: shared`);
    }
});

test("edge_bursts: two bursts in the middle of a window, and one on each side of a boundary", () => {
  const { bursts, limit } = fixedWindow.plans["edge_bursts"]?.(1).workload as WindowWorkload;
  const phases = bursts.map((b) => b.align?.phase);
  assert.equal(phases.filter((p) => p === 0.5).length, 2);
  assert.ok(bursts.every((b) => b.requests > limit.limit && b.align?.windowMs === limit.windowMs));
});

test("restart: the second burst comes after every node is configured, within window 0", () => {
  const plan = fixedWindow.plans["restart"]?.(1);
  const workload = plan?.workload as WindowWorkload;
  const started = plan?.faults.find((f) => f.action.kind === "start-all")?.atMs ?? Infinity;
  const [first, second] = workload.bursts;
  assert.ok(first && second?.whenConfigured && second.atMs > started);
  assert.ok(second.atMs < workload.limit.windowMs / 2, "room for a slow restart in window 0");
  assert.ok(first.requests > workload.limit.limit && second.requests > workload.limit.limit);
});
