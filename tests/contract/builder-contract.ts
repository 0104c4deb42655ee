// The builder port's contract: every adapter (the local toolchains now, Cloud Build later)
// runs this suite. A user's mistake resolves with diagnostics; only the platform rejects.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { Builder } from "../../shared/ports/builder.ts";
import { aSubmission } from "./fixtures.ts";
import { skipIf } from "../support/skip.ts";

export interface BuilderUnderTest {
  builder: Builder;
  dispose(): Promise<void>;
}

const pythonNode = readFileSync(
  new URL("../unit/pipeline/fixtures/python-node/main.py", import.meta.url),
  "utf8",
);

export function builderContract(
  name: string,
  makeBuilder: () => Promise<BuilderUnderTest>,
  skip?: string,
): void {
  describe(`builder contract: ${name}`, skipIf(skip), () => {
    let subject: BuilderUnderTest;
    beforeAll(async () => {
      subject = await makeBuilder();
    });
    afterAll(async () => subject?.dispose());

    test("a valid Python node builds into a command", async () => {
      const s = aSubmission({ language: "python", files: { "main.py": pythonNode } });
      const outcome = await subject.builder.build(s);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.ok(outcome.command.argv.length > 0);
      assert.ok(outcome.command.argv.some((a) => a.endsWith("main.py")));
    });

    test("a Python syntax error comes back as a diagnostic with file and line", async () => {
      const files = { "main.py": "import os\n\ndef broken(:\n    pass\n" };
      const outcome = await subject.builder.build(aSubmission({ language: "python", files }));
      assert.equal(outcome.ok, false);
      assert.ok(!outcome.ok);
      assert.deepEqual(
        outcome.diagnostics.map((d) => [d.file, d.line]),
        [["main.py", 3]],
      );
    });

    test("a TypeScript type error comes back with file and line; the fix builds", async () => {
      const broken = {
        "main.ts": "import { n } from './lib.ts';\nconsole.log(n);\n",
        "lib.ts": "export const n: number = 'one';\n",
      };
      const failed = await subject.builder.build(
        aSubmission({ language: "typescript", files: broken }),
      );
      assert.ok(!failed.ok);
      assert.deepEqual(
        failed.diagnostics.map((d) => [d.file, d.line]),
        [["lib.ts", 1]],
      );
      const fixed = { ...broken, "lib.ts": "export const n: number = 1;\n" };
      const built = await subject.builder.build(
        aSubmission({ language: "typescript", files: fixed }),
      );
      assert.ok(built.ok, JSON.stringify(built));
    });

    test("building the same submission twice gives the same command", async () => {
      const s = aSubmission({ language: "python", files: { "main.py": pythonNode } });
      const first = await subject.builder.build(s);
      const second = await subject.builder.build(s);
      assert.ok(first.ok && second.ok);
      assert.deepEqual(second.command, first.command);
    });
  });
}
