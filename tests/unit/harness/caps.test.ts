// The judge's caps on what it keeps of a scenario: messages stop at a count or a size,
// operations at a count with the final reads always kept, and what is left out is counted.
import assert from "node:assert/strict";
import { test } from "vitest";
import { MessageKeep, capHistory } from "../../../harness/caps.ts";
import { append, op } from "../../../problems/raft/tests/fixtures.ts";

test("messages are kept as they come until the count cap; the rest are counted", () => {
  const keep = new MessageKeep({ records: 3, bytes: 2 ** 20 });
  keep.add([append("node-0", "node-1", 1, 10), append("node-0", "node-2", 1, 11)]);
  keep.add([append("node-0", "node-1", 1, 20), append("node-0", "node-2", 1, 21)]);
  keep.add([append("node-0", "node-1", 1, 30)]);
  assert.deepEqual(
    keep.kept.map((m) => m.startMs),
    [10, 11, 20],
  );
  assert.equal(keep.notKept, 2);
});

test("the size cap counts bytes as messages.jsonl holds them, and keeps a prefix", () => {
  const one = append("node-0", "node-1", 1, 10);
  const line = Buffer.byteLength(JSON.stringify(one)) + 1;
  const keep = new MessageKeep({ records: 100, bytes: 2 * line + 1 });
  const big = { ...append("node-0", "node-1", 1, 12), request: { note: "x".repeat(5000) } };
  keep.add([one, append("node-0", "node-1", 1, 11), big, append("node-0", "node-1", 1, 13)]);
  assert.deepEqual(
    keep.kept.map((m) => m.startMs),
    [10, 11],
  );
  assert.equal(keep.bytes, 2 * line);
  // The small one after the big one is not kept either: what is kept has no holes.
  assert.equal(keep.notKept, 2);
});

test("the history keeps its earliest operations and every final read", () => {
  const ops = [5, 1, 4, 2, 3].map((t) => op({ id: t, startMs: t * 100, attempts: [] }));
  const finals = [op({ id: 9, startMs: 900, attempts: [] })];
  const { history, notKept } = capHistory(ops, finals, 3);
  assert.deepEqual(
    history.map((o) => o.id),
    [1, 2, 9],
  );
  assert.equal(notKept, 3);
  const all = capHistory(ops, finals, 10);
  assert.equal(all.notKept, 0);
  assert.equal(all.history.length, 6);
});
