// The reference Raft passes every scenario, judged through the real pipeline and CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { referenceDir } from "../../solutions/raft/mutants.ts";
import { raftPlans } from "../../../scenarios/raft/index.ts";
import { judgeTypescriptRaft, tail, testSeed } from "./run-cli.ts";

test("the reference Raft passes all eight scenarios", { timeout: 15 * 60_000 }, async () => {
  const seed = testSeed();
  const { status, summary, stderr } = await judgeTypescriptRaft(referenceDir, seed);
  assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
  assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
  const failed = summary.scenarios.filter((s) => s.verdict !== "pass");
  assert.deepEqual(
    failed.map((s) => `${s.name}: ${s.verdict}: ${s.reason}`),
    [],
    `seed ${seed}: the reference failed scenarios; report ${summary.reportPath}`,
  );
  assert.deepEqual(
    summary.scenarios.map((s) => s.name),
    Object.keys(raftPlans),
  );
  assert.equal(status, 0);
  for (const s of summary.scenarios)
    assert.ok(s.stats["ok"]! > 0, `${s.name}: no operation succeeded`);
});
