import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { SubmissionInputError } from "../../../shared/domain/submission.ts";
import { readSubmissionDir } from "../../../shared/pipeline/read-submission-dir.ts";

const root = mkdtempSync(join(tmpdir(), "cj-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

test("reads text files with / paths and skips hidden files and tool folders", () => {
  const dir = folder("ok", {
    "main.py": "print(1)\n",
    "raft/log.py": "x = 'é'\n",
    ".env": "SECRET=1\n",
    "__pycache__/main.cpython-311.pyc": Buffer.from([0, 1, 2]),
    "node_modules/x/index.js": "",
  });
  const { files, skipped } = readSubmissionDir(dir);
  assert.deepEqual(files, { "main.py": "print(1)\n", "raft/log.py": "x = 'é'\n" });
  assert.deepEqual(skipped.sort(), [
    ".env (hidden)",
    "__pycache__/ (tool folder)",
    "node_modules/ (tool folder)",
  ]);
});

test("a binary file or a missing folder is refused with a reason", () => {
  const dir = folder("binary", { "main.py": "", "blob.bin": Buffer.from([0xff, 0xfe, 0x00]) });
  assert.throws(
    () => readSubmissionDir(dir),
    (err: unknown) =>
      err instanceof SubmissionInputError && /blob\.bin: not UTF-8 text/.test(err.message),
  );
  assert.throws(() => readSubmissionDir(join(root, "absent")), /cannot read/);
});
