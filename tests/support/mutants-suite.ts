// The tests every problem folder runs on its mutants (problems/<slug>/tests/mutants.test.ts):
// each names a scenario the judge has and a valid reason pattern, each one's edits apply to
// the reference, and a seeded two of them build with their toolchain (type check included),
// a rotation over runs. One suite, so every problem is held to the same bar. The starters,
// generated from the proto, are built for every problem at once
// (tests/unit/toolchains/templates-build.test.ts).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import type { Mutant } from "../../harness/mutants.ts";
import { materializeMutant } from "../../harness/mutants.ts";
import type { ProblemDefinition } from "../../harness/problem.ts";
import { mutantReferenceDir } from "../../problems/load.ts";
import { protoPathOf } from "../../problems/paths.ts";
import { LANGUAGES, type Language } from "../../languages/registry.ts";
import { buildSubmission } from "../../shared/toolchains/index.ts";
import { seededRandom } from "../../harness/random.ts";
import { testSeed } from "../integration/judge/run-cli.ts";

/**
 * Builds per problem and run: a seeded rotation, so every mutant is built across a few runs
 * while a run stays short (each build type-checks: seconds apiece, over a hundred mutants).
 * CLUSTERJUDGE_TEST_SEED replays a run; the judged mutants (tests/integration/judge) and
 * `npm run bench -- mutants` build the ones they judge.
 */
const BUILDS_PER_RUN = 2;
const seed = testSeed();

function builtThisRun(problem: ProblemDefinition, mutants: readonly Mutant[]): Mutant[] {
  const start = seededRandom(seed)
    .fork(problem.slug)
    .int(0, Math.max(0, mutants.length - 1));
  return [...mutants.slice(start), ...mutants.slice(0, start)].slice(0, BUILDS_PER_RUN);
}

export interface MutantsSuiteOptions {
  /** Fewer mutants than this fails: a checker no mutant trips is not done. */
  atLeast: number;
}

/** Registers the suite; returns the scratch folder the builds go to (removed after). */
export function mutantsSuite(
  problem: ProblemDefinition,
  mutants: readonly Mutant[],
  opts: MutantsSuiteOptions,
): string {
  const work = mkdtempSync(join(tmpdir(), `${problem.slug}-mutants-`));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const protoPath = protoPathOf(problem);
  const build = (srcDir: string, outDir: string, language: Language) =>
    buildSubmission({ language, problem: problem.slug, srcDir, outDir, protoPath });

  test(`at least ${opts.atLeast} mutants, unique names, known scenarios, valid reason patterns`, () => {
    assert.ok(mutants.length >= opts.atLeast, `${mutants.length} mutants`);
    assert.equal(new Set(mutants.map((m) => m.name)).size, mutants.length);
    for (const m of mutants) {
      assert.ok(m.expectScenario in problem.plans, `${m.name}: ${m.expectScenario}`);
      assert.doesNotThrow(() => new RegExp(m.expectReason), m.name);
    }
  });

  const built = builtThisRun(problem, mutants);
  for (const mutant of mutants) {
    const builds = built.includes(mutant);
    const name = builds
      ? `mutant ${mutant.name} applies to the reference and builds (seed ${seed})`
      : `mutant ${mutant.name} applies to the reference`;
    test(name, async () => {
      const language = LANGUAGES.find((l) => l === (mutant.language ?? "typescript"));
      assert.ok(language, `${mutant.name}: no such language ${mutant.language}`);
      const srcDir = join(work, mutant.name, "src");
      materializeMutant(mutant, mutantReferenceDir(problem.slug, mutant), srcDir);
      for (const edit of mutant.edits) {
        const text = readFileSync(join(srcDir, edit.file), "utf8");
        assert.ok(text.includes(edit.replace), `${edit.file} holds the replacement`);
      }
      if (!builds) return;
      const output = await build(srcDir, join(work, mutant.name, "build"), language);
      assert.ok(output.ok, JSON.stringify(output));
    });
  }

  return work;
}
