// The generated starters build with their toolchain (type check included): Python's, a
// second or less each, for every registered problem; the other languages' (TypeScript's take
// ~10 s each on a busy CI machine, a cold C++ one a minute) for the proto that differs most
// from raft's, which templates.test.ts builds and starts in every language, and g-counter's,
// which templates-judged.test.ts judges: consistent-hashing (8 RPCs). The templates differ
// between problems only by names, which languages/tests/templates.test.ts checks for every
// problem and language.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { LANGUAGES, type Language } from "../../../languages/registry.ts";
import { protoPathOf } from "../../../problems/paths.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";
import { buildSubmission } from "../../../shared/toolchains/index.ts";

const EVERY_PROBLEM: readonly Language[] = ["python"];
const SAMPLE = ["consistent-hashing"];

const work = mkdtempSync(join(tmpdir(), "templates-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const language of LANGUAGES) {
  const problems = EVERY_PROBLEM.includes(language)
    ? REGISTRY
    : REGISTRY.filter((p) => SAMPLE.includes(p.slug));
  test(`the ${language} template of ${problems.length} problems builds`, async () => {
    for (const problem of problems) {
      const srcDir = join(work, language, problem.slug, "src");
      writeTemplate(templateOf(problem, language), srcDir);
      const built = await buildSubmission({
        language,
        problem: problem.slug,
        srcDir,
        outDir: join(work, language, problem.slug, "build"),
        protoPath: protoPathOf(problem),
      });
      assert.ok(built.ok, `${problem.slug}: ${JSON.stringify(built)}`);
    }
  });
}
