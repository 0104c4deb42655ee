// Every registered problem's reference passes the scenarios CI judges this run (all of them
// while they fit the budget: ci-plan.ts), through the real pipeline and CLI, and each
// scenario's report.html draws in a browser.
import { test } from "vitest";
import assert from "node:assert/strict";
import { referenceDirOf } from "../../../problems/paths.ts";
import { seed, selection } from "./ci-selection.ts";
import { reportsDrawInBrowser } from "./report-in-browser.ts";
import { judgeFolder, tail } from "./run-cli.ts";

for (const { problem, scenarios } of selection) {
  const all = Object.keys(problem.plans);
  const some = scenarios.length < all.length;
  test(
    `the reference ${problem.slug} passes ${some ? scenarios.join(", ") : `all ${all.length} scenarios`}`,
    { timeout: 15 * 60_000 },
    async () => {
      const { status, summary, stderr } = await judgeFolder({
        problem: problem.slug,
        language: "typescript",
        dir: referenceDirOf(problem.slug, "typescript"),
        seed,
        ...(some ? { scenarios } : {}),
        // The UI's end of it: every scenario's report.html draws in a browser.
        inspect: async (outcome) => {
          if (outcome.summary?.status === "completed")
            await reportsDrawInBrowser(problem.slug, outcome);
        },
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
