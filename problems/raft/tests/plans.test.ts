import { test } from "node:test";
import assert from "node:assert/strict";
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
];

test("the eight scenarios of the spec, in its order, each named as its key", () => {
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
    for (const step of plan.faults) {
      assert.ok(
        step.atMs < plan.workloadMs,
        `${plan.name}: fault at ${step.atMs} after the workload`,
      );
      const refs = JSON.stringify(step.action).match(/"\$(\w+)"/g) ?? [];
      for (const ref of refs)
        assert.ok(labels.has(ref.slice(2, -1)), `${plan.name}: ${ref} used before it is set`);
      if ("as" in step.action && step.action.as) labels.add(step.action.as);
    }
  }
});
