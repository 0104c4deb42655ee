// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { twoPhaseCommit } from "../problem.ts";
import { seededRandom } from "../../../harness/random.ts";
import { RESOLUTION_BOUND_MS } from "../contract.ts";
import { TXN_CLIENTS } from "../plans/clients.ts";
import { nextOp } from "../workload.ts";

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

test("the clients' transfers move 1 to 5 between two different accounts", () => {
  const rng = seededRandom(3);
  const ops = Array.from({ length: 500 }, () => nextOp(rng, TXN_CLIENTS));
  const transfers = ops.flatMap((op) => (op.f === "transfer" && op.value ? [op.value] : []));
  assert.ok(transfers.length > 250 && transfers.length < 450, `${transfers.length} transfers`);
  for (const t of transfers) {
    assert.notEqual(t.source, t.target);
    assert.ok(t.amount >= 1 && t.amount <= 5);
  }
});
