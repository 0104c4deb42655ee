// The shared plan checks (tests/support/plans-suite.ts), then what the sharded-kv plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { consistentHashing } from "../problem.ts";

plansSuite(consistentHashing, { maxMs: 10_000 });

test("every membership change is one join or one leave, at a time within the workload", () => {
  for (const plan of Object.values(consistentHashing.plans)) {
    const p = plan(5) as ReturnType<typeof plan> & {
      workload: { memberships: { atMs: number; members: string[] }[] };
    };
    const steps = p.workload.memberships;
    assert.equal(steps[0]?.atMs, 0);
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1]?.members ?? [], steps[i]?.members ?? []];
      const changed =
        a.filter((m) => !b.includes(m)).length + b.filter((m) => !a.includes(m)).length;
      assert.equal(changed, 1, `${p.name} step ${i}`);
      assert.ok((steps[i]?.atMs ?? 0) < p.workloadMs);
    }
  }
});

test("stale_view's two changes both fall inside the pause", () => {
  const p = consistentHashing.plans["stale_view"]?.(3);
  const [pause, resume] = p?.faults ?? [];
  const steps = (p?.workload as { memberships: { atMs: number }[] }).memberships.slice(1);
  for (const s of steps) assert.ok(s.atMs > (pause?.atMs ?? 0) && s.atMs < (resume?.atMs ?? 0));
});
