// The tests every problem folder runs on its plans: plain data (same seed, same plan), every
// fault at a time within the workload naming a node of the cluster, and a run short enough
// for CI's share.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { ProblemDefinition } from "../../harness/problem.ts";

export function plansSuite(problem: ProblemDefinition, opts: { maxMs: number }): void {
  const nodes = Array.from({ length: problem.nodeCount }, (_, i) => `node-${i}`);
  for (const [name, plan] of Object.entries(problem.plans)) {
    test(`${name}: deterministic, named nodes, short`, () => {
      for (const seed of [1, 2, 3, 99]) {
        const p = plan(seed);
        assert.deepEqual(p, plan(seed));
        assert.equal(p.name, name);
        assert.ok(p.workloadMs + p.recoveryMs <= opts.maxMs, "short enough for CI's share");
        for (const { action, atMs } of p.faults) {
          assert.ok(atMs >= 0 && atMs <= p.workloadMs, `${name} ${action.kind} at ${atMs}`);
          const named = JSON.stringify(action).match(/node-\d+/g) ?? [];
          for (const n of named) assert.ok(nodes.includes(n), n);
        }
      }
    });
  }
}
