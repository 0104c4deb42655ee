// A report shows each node's log end: only the last bytes are read, and what came before
// them is counted.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { readLogEnd } from "../../../harness/node-log-file.ts";

const dir = mkdtempSync(join(tmpdir(), "cj-log-end-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a log longer than the bound gives its last bytes and how many came before", async () => {
  const path = join(dir, "long.log");
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n") + "\n";
  writeFileSync(path, lines);
  const end = await readLogEnd(path, 100);
  assert.equal(end.text, lines.slice(-100));
  assert.equal(end.omittedBytes, Buffer.byteLength(lines) - 100);
});

test("a log within the bound is given whole, and an empty one is empty", async () => {
  const path = join(dir, "short.log");
  writeFileSync(path, "started\n");
  assert.deepEqual(await readLogEnd(path, 100), { text: "started\n", omittedBytes: 0 });
  writeFileSync(path, "");
  assert.deepEqual(await readLogEnd(path, 100), { text: "", omittedBytes: 0 });
});
