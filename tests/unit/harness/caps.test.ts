// The judge's cap on the operations it keeps of a scenario: the final reads always kept,
// what is left out counted. The messages' caps: message-file.test.ts.
import assert from "node:assert/strict";
import { test } from "vitest";
import { capHistory } from "../../../harness/caps.ts";
import { op } from "../../../problems/raft/tests/fixtures.ts";

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
