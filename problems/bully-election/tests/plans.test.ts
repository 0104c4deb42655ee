// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise: every fault change leaves more than the convergence bound before the next one and
// the workload's end, but two that are short on purpose: cascade's first kill (node-3 dies
// while taking over) and lower_restart's kill (node-1 is down briefly; nobody need move).
// The start-up is judged in steady, which has no fault.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { CONVERGENCE_BOUND_MS } from "../limits.ts";
import { bullyElection } from "../problem.ts";

plansSuite(bullyElection, { maxMs: 13_000 });

test("each fault change is judged: the bound passes before the next change or the end", () => {
  for (const [name, plan] of Object.entries(bullyElection.plans)) {
    for (const seed of [1, 2, 3, 99]) {
      const p = plan(seed);
      const times = [...p.faults.map((f) => f.atMs), p.workloadMs];
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      const judged = name === "cascade" || name === "lower_restart" ? gaps.slice(1) : gaps;
      for (const gap of judged)
        assert.ok((gap ?? 0) > CONVERGENCE_BOUND_MS, `${name} seed ${seed}: ${gaps.join(", ")}`);
      assert.ok(p.recoveryMs > CONVERGENCE_BOUND_MS, "the final polls come after the bound");
    }
  }
});

test("cascade kills node-4, then node-3 within the failure timeout plus an election", () => {
  const faults = bullyElection.plans["cascade"]?.(5).faults ?? [];
  assert.deepEqual(
    faults.map((f) => (f.action.kind === "kill" ? f.action.node : f.action.kind)),
    ["node-4", "node-3"],
  );
  const [first, second] = faults.map((f) => f.atMs);
  assert.ok((second ?? 0) - (first ?? 0) <= 1200);
});
