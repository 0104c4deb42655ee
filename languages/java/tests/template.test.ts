// The generated Java starter: g-counter's is pinned by a snapshot, and the starters of four
// problems build (each a javac run of its own; the stubs are compiled once per proto).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import { protoPathOf } from "../../../problems/paths.ts";
import { javaTemplateOf, writeJavaTemplate } from "./generated.ts";
import { registeredProblem as problemOf } from "../../../problems/registry.ts";

const work = mkdtempSync(join(tmpdir(), "java-template-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("g-counter's Java template", async () => {
  const files = javaTemplateOf(problemOf("g-counter"));
  assert.deepEqual(Object.keys(files), ["Main.java"]);
  await expect(files["Main.java"]).toMatchFileSnapshot("__snapshots__/g-counter.Main.java");
});

for (const slug of ["g-counter", "raft", "chain-replication", "two-phase-commit"]) {
  test(`the generated Java template of ${slug} builds`, { timeout: 180_000 }, async () => {
    const problem = problemOf(slug);
    const srcDir = writeJavaTemplate(problem, join(work, slug, "src"));
    const out = await buildSubmission({
      language: "java",
      problem: slug,
      srcDir,
      outDir: join(work, slug, "out"),
      protoPath: protoPathOf(problem),
    });
    assert.ok(out.ok, JSON.stringify(out));
  });
}
