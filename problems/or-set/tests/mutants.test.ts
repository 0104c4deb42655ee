// Every mutant's edits apply exactly once to the reference and the result still builds with
// the TypeScript toolchain (type check included), as does the reference and both templates.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import { materializeMutant } from "../../../harness/mutants.ts";
import { orSet } from "../problem.ts";
import { mutants } from "../mutants.ts";

const referenceDir = fileURLToPath(new URL("../reference/typescript", import.meta.url));
const protoPath = fileURLToPath(new URL("../or_set.proto", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "or-set-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("at least five mutants, unique names, known scenarios, valid reason patterns", () => {
  assert.ok(mutants.length >= 5);
  assert.equal(new Set(mutants.map((m) => m.name)).size, mutants.length);
  for (const m of mutants) {
    assert.ok(Object.keys(orSet.plans).includes(m.expectScenario), `${m.name}`);
    assert.doesNotThrow(() => new RegExp(m.expectReason), m.name);
  }
});

const build = (srcDir: string, outDir: string, language: "typescript" | "python" = "typescript") =>
  buildSubmission({ language, problem: orSet.slug, srcDir, outDir, protoPath });

for (const mutant of mutants) {
  test(`mutant ${mutant.name} applies to the reference and builds`, async () => {
    const srcDir = join(work, mutant.name, "src");
    materializeMutant(mutant, referenceDir, srcDir);
    for (const edit of mutant.edits) {
      const text = readFileSync(join(srcDir, edit.file), "utf8");
      assert.ok(text.includes(edit.replace), `${edit.file} holds the replacement`);
    }
    const built = await build(srcDir, join(work, mutant.name, "build"));
    assert.ok(built.ok, JSON.stringify(built));
  });
}

for (const language of ["typescript", "python"] as const) {
  test(`the ${language} template builds`, async () => {
    const srcDir = fileURLToPath(new URL(`../templates/${language}`, import.meta.url));
    const built = await build(srcDir, join(work, `template-${language}`), language);
    assert.ok(built.ok, JSON.stringify(built));
  });
}
