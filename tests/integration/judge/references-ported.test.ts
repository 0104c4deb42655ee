// Every reference ported to another language (problems/<slug>/reference/<language>/, beside
// the TypeScript one that reference.test.ts judges) passes one scenario of its problem, the
// seed's pick, through the real pipeline and CLI. Every scenario, many times: the bench.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "vitest";
import { LANGUAGES } from "../../../languages/registry.ts";
import { seededRandom } from "../../../harness/random.ts";
import { referenceDirOf } from "../../../problems/paths.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { judgeFolder, tail, testSeed } from "./run-cli.ts";

const seed = testSeed();

const ported = REGISTRY.flatMap((problem) =>
  LANGUAGES.filter((l) => l !== "typescript")
    .filter((language) => existsSync(referenceDirOf(problem.slug, language)))
    .map((language) => ({ problem, language })),
);

test("the ported references are found", () => {
  // Raft in Go; g-counter in C++, Java and Rust (docs/languages.md).
  assert.ok(ported.length >= 4, ported.map((p) => `${p.problem.slug}/${p.language}`).join(", "));
});

for (const { problem, language } of ported) {
  const names = Object.keys(problem.plans);
  const random = seededRandom(seed).fork(`${problem.slug}/${language}`);
  const scenario = names[random.int(0, names.length - 1)]!;
  test(
    `the ${language} reference of ${problem.slug} passes ${scenario}`,
    { timeout: 20 * 60_000 },
    async () => {
      const { status, summary, stderr } = await judgeFolder({
        problem: problem.slug,
        language,
        dir: referenceDirOf(problem.slug, language),
        seed,
        scenarios: [scenario],
      });
      assert.ok(summary, `seed ${seed}: no JSON summary (exit ${status}):\n${tail(stderr)}`);
      assert.equal(summary.status, "completed", `seed ${seed}: ${tail(stderr)}`);
      const [result] = summary.scenarios;
      assert.equal(result?.verdict, "pass", `seed ${seed}: ${result?.reason}\n${tail(stderr)}`);
      assert.ok(result.stats["ok"]! > 0, `${scenario}: no operation succeeded`);
      assert.equal(status, 0);
    },
  );
}
