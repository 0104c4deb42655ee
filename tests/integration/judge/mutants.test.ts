// Every mutant of the reference Raft fails the scenario it names, for the reason it names:
// the judge catches each bug, and says which property it broke.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { materializeMutant, mutants } from "../../solutions/raft/mutants.ts";
import { judgeTypescriptRaft, tail, testSeed } from "./run-cli.ts";

for (const mutant of mutants) {
  test(
    `mutant ${mutant.name} fails ${mutant.expectScenario}`,
    { timeout: 5 * 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), `cj-mutant-${mutant.name}-`));
      try {
        await materializeMutant(mutant.name, dir);
        const seed = testSeed();
        const { status, summary, stderr } = await judgeTypescriptRaft(dir, seed, [
          mutant.expectScenario,
        ]);
        assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
        assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
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
