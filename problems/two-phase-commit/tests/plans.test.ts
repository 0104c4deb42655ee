// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { twoPhaseCommit } from "../problem.ts";
import { RESOLUTION_BOUND_MS } from "../contract.ts";

plansSuite(twoPhaseCommit, { maxMs: 14_000 });

test("every fault ends by a restart or heal, with the resolution bound before the final reads", () => {
  for (const [name, plan] of Object.entries(twoPhaseCommit.plans)) {
    const p = plan(5);
    const lastEnd = Math.max(0, ...p.faults.map((f) => f.atMs));
    const ends = p.faults.filter((f) => f.action.kind === "disarm" || f.action.kind === "heal");
    assert.equal(ends.length, p.faults.length / 2, name);
    assert.ok(p.workloadMs + p.recoveryMs - lastEnd > RESOLUTION_BOUND_MS, name);
  }
});

test("the coordinator scenarios kill node-0 by a trigger, the participant one node-1", () => {
  const armed = (name: string) => {
    const step = twoPhaseCommit.plans[name]?.(1).faults.find((f) => f.action.kind === "arm");
    return step?.action.kind === "arm" ? step.action : null;
  };
  for (const name of Object.keys(twoPhaseCommit.plans).filter((n) =>
    n.startsWith("coordinator_crash"),
  ))
    assert.equal(armed(name)?.node, "node-0", name);
  assert.equal(armed("participant_crash_after_yes")?.node, "node-1");
});
