// The judge keeps a scenario's messages on disk: the spool writes them as they come up to a
// count or a size cap (a prefix, the rest counted), sorts them into messages.jsonl by start
// time, and the checks read that file on each pass.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { MessageFile, MessageSpool } from "../../../harness/message-file.ts";
import { writeJsonLines } from "../../../harness/json-lines.ts";
import { append } from "../../../problems/raft/tests/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "cj-message-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `messages-${n++}.jsonl`);

test("messages are spooled as they come until the count cap; the rest are counted", () => {
  const spool = new MessageSpool(fresh(), { records: 3, bytes: 2 ** 20 });
  spool.add([append("node-0", "node-1", 1, 10), append("node-0", "node-2", 1, 11)]);
  spool.add([append("node-0", "node-1", 1, 20), append("node-0", "node-2", 1, 21)]);
  spool.add([append("node-0", "node-1", 1, 30)]);
  assert.equal(spool.notKept, 2);
  const file = spool.finish();
  assert.equal(file.length, 3);
  assert.deepEqual(
    [...file].map((m) => m.startMs),
    [10, 11, 20],
  );
});

test("the size cap counts bytes as messages.jsonl holds them, and keeps a prefix", () => {
  const one = append("node-0", "node-1", 1, 10);
  const line = Buffer.byteLength(JSON.stringify(one)) + 1;
  const spool = new MessageSpool(fresh(), { records: 100, bytes: 2 * line + 1 });
  const big = { ...append("node-0", "node-1", 1, 12), request: { note: "x".repeat(5000) } };
  spool.add([one, append("node-0", "node-1", 1, 11), big, append("node-0", "node-1", 1, 13)]);
  assert.equal(spool.bytes, 2 * line);
  // The small one after the big one is not kept either: what is kept has no holes.
  assert.equal(spool.notKept, 2);
  const file = spool.finish();
  assert.equal(readFileSync(file.path).length, 2 * line);
});

test("messages.jsonl is written by start time, ties in the order read, and the spool is gone", () => {
  const path = fresh();
  const spool = new MessageSpool(path);
  const read = [50, 10, 30, 10, 20, 50].map((t, i) => ({
    ...append(`node-${i}`, "node-9", 1, t),
    seq: i,
  }));
  spool.add(read.slice(0, 4));
  assert.ok(existsSync(`${path}.spool`), "written as read, before the end");
  assert.ok(!existsSync(path));
  spool.add(read.slice(4));
  const file = spool.finish();
  assert.ok(!existsSync(`${path}.spool`));
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { seq: number }).seq),
    [1, 3, 4, 2, 0, 5],
  );
  assert.deepEqual(
    [...file].map((m) => m.seq),
    [1, 3, 4, 2, 0, 5],
  );
  assert.throws(() => spool.add(read), /finished/);
});

test("a message larger than a write chunk is copied whole", () => {
  const spool = new MessageSpool(fresh());
  const huge = { ...append("node-0", "node-1", 1, 5), request: { note: "y".repeat(600_000) } };
  spool.add([append("node-0", "node-1", 1, 9), huge, append("node-0", "node-1", 1, 1)]);
  const file = spool.finish();
  assert.deepEqual(
    [...file].map((m) => m.startMs),
    [1, 5, 9],
  );
  assert.equal(file.find((m) => m.startMs === 5)?.request?.["note"], "y".repeat(600_000));
});

test("a discarded spool leaves no file", () => {
  const path = fresh();
  const spool = new MessageSpool(path);
  spool.add([append("node-0", "node-1", 1, 10)]);
  spool.discard();
  assert.ok(!existsSync(`${path}.spool`) && !existsSync(path));
});

test("the file is read afresh on each pass, across chunk edges and split characters", async () => {
  const path = fresh();
  // 3-byte characters, so reads of 256 KiB end inside some of them.
  const records = Array.from({ length: 400 }, (_, i) => ({
    ...append("node-0", "node-1", 1, i),
    request: { note: "€".repeat(1000 + i) },
  }));
  await writeJsonLines(path, records);
  const file = new MessageFile(path, records.length);
  assert.deepEqual([...file], records);
  assert.deepEqual([...file], records, "a second pass reads it again");
  assert.equal(file.filter((m) => m.startMs % 100 === 0).length, 4);
  assert.equal(file.find((m) => m.startMs === 399)?.startMs, 399);
  assert.equal(
    file.find((m) => m.startMs === 400),
    undefined,
  );
  assert.ok(file.some((m) => m.startMs === 7));
  assert.ok(!file.some((m) => m.startMs < 0));
  // Leaving a pass early closes the file (a generator's finally), and the next starts over.
  for (const m of file) if (m.startMs === 2) break;
  assert.equal([...file].length, 400);
});

test("a last line with no newline is read", () => {
  const path = fresh();
  const one = append("node-0", "node-1", 1, 1);
  writeFileSync(path, `${JSON.stringify(one)}\n\n${JSON.stringify(one)}`);
  assert.equal([...new MessageFile(path, 2)].length, 2);
});
