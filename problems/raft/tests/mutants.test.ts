// Every mutant's edits apply exactly once to the reference and the result still builds with
// the TypeScript toolchain (type check included); an edit that no longer matches is refused.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import { applyMutantEdits, materializeMutant, MutantEditError } from "../../../harness/mutants.ts";
import { raft } from "../problem.ts";
import { mutants } from "../mutants.ts";

const raftPlans = raft.plans;
const referenceDir = fileURLToPath(new URL("../reference/typescript", import.meta.url));
const protoPath = fileURLToPath(new URL("../raft.proto", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "raft-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The judge's own scenario list: a mutant must name one that exists.
const scenarios = Object.keys(raftPlans);

test("mutants have unique names, known scenarios and valid reason patterns", () => {
  assert.ok(mutants.length >= 7);
  assert.equal(new Set(mutants.map((m) => m.name)).size, mutants.length);
  for (const m of mutants) {
    assert.ok(scenarios.includes(m.expectScenario), `${m.name}: ${m.expectScenario}`);
    assert.doesNotThrow(() => new RegExp(m.expectReason), m.name);
  }
});

for (const mutant of mutants) {
  test(`mutant ${mutant.name} applies to the reference and builds`, async () => {
    const srcDir = join(work, mutant.name, "src");
    materializeMutant(mutant, referenceDir, srcDir);
    for (const edit of mutant.edits) {
      const text = readFileSync(join(srcDir, edit.file), "utf8");
      assert.ok(text.includes(edit.replace), `${edit.file} holds the replacement`);
    }
    const outDir = join(work, mutant.name, "build");
    const built = await buildSubmission({
      language: "typescript",
      problem: "raft",
      srcDir,
      outDir,
      protoPath,
    });
    assert.ok(built.ok, JSON.stringify(built));
  });
}

test("an edit whose text does not occur exactly once is refused", () => {
  const dir = join(work, "stale");
  cpSync(referenceDir, dir, { recursive: true });
  const stale = {
    ...(mutants[0] as (typeof mutants)[0]),
    edits: [{ file: "main.ts", find: "text that is not in the reference", replace: "" }],
  };
  assert.throws(
    () => applyMutantEdits(dir, stale),
    (err: unknown) => err instanceof MutantEditError && err.occurrences === 0,
  );
});
