// Every registered problem's reference passes every scenario, judged through the real
// pipeline and CLI (docs/adding-a-problem.md: what CI runs per problem).
import { test } from "node:test";
import assert from "node:assert/strict";
import { REGISTRY } from "../../../problems/registry.ts";
import { referenceDirOf } from "../../../problems/folders.ts";
import { judgeFolder, tail, testSeed } from "./run-cli.ts";

for (const problem of REGISTRY) {
  const scenarios = Object.keys(problem.plans);
  test(
    `the reference ${problem.slug} passes all ${scenarios.length} scenarios`,
    { timeout: 15 * 60_000 },
    async () => {
      const seed = testSeed();
      const dir = referenceDirOf(problem.slug, "typescript");
      const { status, summary, stderr } = await judgeFolder({
        problem: problem.slug,
        language: "typescript",
        dir,
        seed,
      });
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
        scenarios,
      );
      assert.equal(status, 0);
      for (const s of summary.scenarios)
        assert.ok(s.stats["ok"]! > 0, `${s.name}: no operation succeeded`);
    },
  );
}
