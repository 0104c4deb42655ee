// Every mutant of every registered problem fails the scenario it names, for the reason it
// names: the judge catches each bug, and says which property it broke. Once each here;
// `npm run bench -- mutants` measures how reliably.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { materializeMutant } from "../../../harness/mutants.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { loadMutants, mutantReferenceDir } from "../../../problems/folders.ts";
import { judgeFolder, tail, testSeed } from "./run-cli.ts";

for (const problem of REGISTRY) {
  for (const mutant of await loadMutants(problem.slug)) {
    test(
      `${problem.slug} mutant ${mutant.name} fails ${mutant.expectScenario}`,
      { timeout: 5 * 60_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), `cj-mutant-${mutant.name}-`));
        try {
          materializeMutant(mutant, mutantReferenceDir(problem.slug, mutant), dir);
          const seed = testSeed();
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
