// Every language's generated starter goes the whole way: built by its toolchain, three nodes
// deployed behind their agents, a real scenario judged. Every RPC answers UNIMPLEMENTED, so
// it fails honestly, with a verdict and a reason, not a crash or a deploy error.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { LANGUAGES } from "../../../languages/registry.ts";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";
import { judgeFolder, tail } from "./run-cli.ts";

/** The simplest judged problem, on one scenario: what an empty node must fail. */
const problem = registeredProblem("g-counter");
const scenario = "partitioned_adds";

const work = mkdtempSync(join(tmpdir(), "cj-templates-judged-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const language of LANGUAGES) {
  test(
    `the ${language} template of ${problem.slug} is built, deployed and fails ${scenario}`,
    // A cold build of a compiled language's dependencies comes first (C++ stubs, Rust crates).
    { timeout: 20 * 60_000 },
    async () => {
      const dir = join(work, language);
      writeTemplate(templateOf(problem, language), dir);
      const { status, summary, stderr } = await judgeFolder({
        problem: problem.slug,
        language,
        dir,
        seed: 1,
        scenarios: [scenario],
      });
      assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
      assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
      const [result] = summary.scenarios;
      assert.equal(result?.verdict, "fail");
      // No add is ever acknowledged and no read answered: the first property says so.
      assert.match(result.reason, /convergence|final read|UNIMPLEMENTED|answered|succeeded/);
      assert.equal(result.stats["ok"], 0);
      assert.equal(status, 1);
    },
  );
}
