// The limits the docs state, checked against the code that enforces them: a limit changed in
// the code fails here until the docs say the new number.
import { test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { API_LIMITS } from "../../functions/api/limits.ts";
import { SUBMISSION_LIMITS as L } from "../../shared/domain/limits.ts";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { submissionBytesMax, submissionFilesMax } from "../../shared/toolchains/limits.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

/** A doc's text with every run of white space made one space, so phrases may wrap. */
const doc = (name: string) =>
  readFileSync(join(REPO_ROOT, "docs", name), "utf8").replace(/\s+/g, " ");

function assertSays(name: string, phrases: string[]): void {
  const text = doc(name);
  for (const phrase of phrases) {
    assert.ok(text.includes(phrase), `docs/${name} should say "${phrase}", as the code does`);
  }
}

test("docs/languages.md states the submission's limits and the build's own", () => {
  assertSays("languages.md", [
    `at most ${L.filesMax} files, ${L.fileBytesMax / KiB} KiB each and ${L.totalBytesMax / KiB} KiB in all`,
    `paths of at most ${L.pathCharsMax} characters and ${L.pathSegmentsMax} levels`,
    `${submissionFilesMax} files and ${submissionBytesMax / MiB} MiB`,
  ]);
});

test("docs/pipeline.md and docs/api.md state the same submission limits", () => {
  assertSays("pipeline.md", [
    `at most ${L.filesMax} files, ${L.fileBytesMax / KiB} KiB per file and ${L.totalBytesMax / KiB} KiB in all`,
  ]);
  assertSays("api.md", [
    `more than ${L.filesMax} files, a file over ${L.fileBytesMax / KiB} KiB, over ${L.totalBytesMax / KiB} KiB in all`,
    `At most ${L.issuesShownMax} issues are listed`,
    `a body over ${API_LIMITS.bodyBytesMax.toLocaleString("en-US")} bytes`,
  ]);
});
