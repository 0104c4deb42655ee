// The mutants CI judges this run (every one while they fit the budget, else those of a
// rotating third of the problems: ci-plan.ts) fail the scenario they name, for the reason
// they name: the judge catches each bug and says which property it broke. `npm run bench -- mutants` runs them all, many times each.
import { test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { materializeMutant } from "../../../harness/mutants.ts";
import { mutantReferenceDir } from "../../../problems/load.ts";
import { seed, selection } from "./ci-selection.ts";
import { judgeFolder, tail } from "./run-cli.ts";

for (const { problem, mutants } of selection) {
  for (const mutant of mutants) {
    test(
      `${problem.slug} mutant ${mutant.name} fails ${mutant.expectScenario}`,
      { timeout: 5 * 60_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), `cj-mutant-${mutant.name}-`));
        try {
          materializeMutant(mutant, mutantReferenceDir(problem.slug, mutant), dir);
          const { status, summary, stderr } = await judgeFolder({
            problem: problem.slug,
            language: mutant.language ?? "typescript",
            dir,
            seed,
            scenarios: [mutant.expectScenario],
          });
          assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
          assert.equal(
            summary.status,
            "completed",
            `no verdict (exit ${status}):\n${tail(stderr)}`,
          );
          const [result] = summary.scenarios;
          assert.equal(
            result?.verdict,
            "fail",
            `seed ${seed}: ${mutant.name} was not caught: ${result?.verdict}: ${result?.reason}`,
          );
          assert.match(
            result.reason,
            new RegExp(mutant.expectReason),
            `seed ${seed}: caught for another reason`,
          );
          assert.equal(status, 1);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }
}
