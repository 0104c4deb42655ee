// Every mutant applies to the reference and builds (the shared suite; the templates are
// built and started in tests/unit/toolchains/templates.test.ts); an edit that no longer
// matches is refused.
import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { test } from "vitest";
import { applyMutantEdits, MutantEditError } from "../../../harness/mutants.ts";
import { referenceDirOf } from "../../paths.ts";
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { raft } from "../problem.ts";

const work = mutantsSuite(raft, mutants, { atLeast: 7 });

test("an edit whose text does not occur exactly once is refused", () => {
  const dir = join(work, "stale");
  cpSync(referenceDirOf("raft", "typescript"), dir, { recursive: true });
  const stale = {
    ...(mutants[0] as (typeof mutants)[0]),
    edits: [{ file: "main.ts", find: "text that is not in the reference", replace: "" }],
  };
  assert.throws(
    () => applyMutantEdits(dir, stale),
    (err: unknown) => err instanceof MutantEditError && err.occurrences === 0,
  );
});
