import { test } from "vitest";
import assert from "node:assert/strict";
import type { FaultAction, FaultStep } from "../../../harness/plan.ts";
import { raft } from "../problem.ts";

const raftPlans = raft.plans;

const SPEC_ORDER = [
  "leader_election",
  "log_replication",
  "client_redirect",
  "concurrent_requests",
  "network_partition",
  "node_recovery",
  "unreliable_network",
  "leader_churn",
  "figure8",
];

/** Every action in the order it runs: a rounds step's own steps, then its repair. */
function actions(steps: readonly FaultStep[]): FaultAction[] {
  return steps.flatMap(({ action }) =>
    action.kind === "rounds"
      ? [action, ...action.steps.map((s) => s.action), ...action.finally.map((s) => s.action)]
      : [action],
  );
}

test("the eight scenarios of the spec, in its order, then figure8, each named as its key", () => {
  assert.deepEqual(Object.keys(raftPlans), SPEC_ORDER);
  for (const [name, make] of Object.entries(raftPlans)) assert.equal(make(1).name, name);
});

test("the same seed gives the same plan; another seed moves the faults", () => {
  for (const make of Object.values(raftPlans)) assert.deepEqual(make(42), make(42));
  const a = raftPlans["leader_churn"]?.(1);
  const b = raftPlans["leader_churn"]?.(2);
  assert.notDeepEqual(a?.faults, b?.faults);
});

test("every fault fires while clients still run, and labels are set before use", () => {
  for (const make of Object.values(raftPlans)) {
    const plan = make(7);
    const labels = new Set<string>();
    for (const step of plan.faults)
      assert.ok(
        step.atMs < plan.workloadMs,
        `${plan.name}: fault at ${step.atMs} after the workload`,
      );
    for (const action of actions(plan.faults)) {
      if (action.kind === "rounds") continue;
      const refs = JSON.stringify(action).match(/"\$(\w+)"/g) ?? [];
      for (const ref of refs)
        assert.ok(labels.has(ref.slice(2, -1)), `${plan.name}: ${ref} used before it is set`);
      if ("as" in action && action.as) labels.add(action.as);
    }
  }
});

test("figure8's rounds hold the clients while they steer and release them in every repair", () => {
  const plan = raftPlans["figure8"]?.(3);
  const rounds = plan?.faults.map((f) => f.action).find((a) => a.kind === "rounds");
  assert.ok(rounds?.kind === "rounds");
  assert.equal(rounds.steps[0]?.action.kind, "hold-clients");
  assert.ok(rounds.finally.some((s) => s.action.kind === "release-clients"));
  assert.ok(rounds.finally.some((s) => s.action.kind === "heal"));
  // A round ends before the clients stop, so its lost write is still read at the end.
  assert.ok(rounds.untilMs < (plan?.workloadMs ?? 0));
});
