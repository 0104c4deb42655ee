// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import type { PnPlanRequest } from "../plan-requests.ts";
import { pnCounter } from "../problem.ts";
import type { PnWorkload } from "../workload.ts";

plansSuite(pnCounter, { maxMs: 12_000 });

test("every scenario's clients send deltas of both signs but lost_answers', whose are all decrements", () => {
  for (const [name, plan] of Object.entries(pnCounter.plans)) {
    const { delta } = plan(3).workload as PnWorkload;
    if (name === "lost_answers") assert.ok(delta[0] < 0 && delta[1] < 0, JSON.stringify(delta));
    else assert.ok(delta[0] < 0 && delta[1] > 0, JSON.stringify(delta));
  }
});

test("minority_decrements sends only decrements, all to the node it cut off, before the heal", () => {
  for (const seed of [1, 2, 3, 99]) {
    const { faults } = pnCounter.plans["minority_decrements"]?.(seed) ?? { faults: [] };
    const cut = faults.find((f) => f.action.kind === "partition");
    const heal = faults.find((f) => f.action.kind === "heal");
    assert.ok(cut?.action.kind === "partition" && heal);
    const alone = cut.action.groups[0]?.[0];
    const requests = faults.filter((f) => f.action.kind === "request");
    assert.ok(requests.length >= 10);
    for (const { atMs, action } of requests) {
      assert.ok(action.kind === "request");
      assert.equal(action.node, alone);
      assert.ok((action.request as PnPlanRequest).delta < 0);
      assert.ok(atMs > cut.atMs && atMs < heal.atMs);
    }
  }
});
