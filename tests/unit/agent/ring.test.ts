import { test } from "vitest";
import assert from "node:assert/strict";
import { Ring } from "../../../shared/agent/ring.ts";

test("reads what came after `since`, in order, with the cursor to pass next", () => {
  const ring = new Ring<string>(100);
  for (const x of ["a", "b", "c"]) ring.push(x);
  assert.deepEqual(ring.read(0, 10), { items: ["a", "b", "c"], dropped: 0, next: 3 });
  assert.deepEqual(ring.read(1, 10), { items: ["b", "c"], dropped: 0, next: 3 });
  assert.deepEqual(ring.read(3, 10), { items: [], dropped: 0, next: 3 });
  assert.deepEqual(ring.read(0, 2), { items: ["a", "b"], dropped: 0, next: 2 });
});

test("past its capacity it drops the oldest and says how many a reader lost", () => {
  const ring = new Ring<number>(10);
  for (let i = 1; i <= 25; i++) ring.push(i);
  const page = ring.read(0, 100);
  assert.ok(page.items.length <= 10);
  assert.equal(page.items.at(-1), 25);
  assert.equal(page.dropped, 25 - page.items.length);
  assert.equal(page.items[0], page.dropped + 1, "contiguous after the loss");
  // A reader that had seen everything up to 20 lost nothing.
  assert.equal(ring.read(20, 100).dropped, 0);
});

test("clear forgets items without counting them as dropped; cursors stay valid", () => {
  const ring = new Ring<string>(10);
  ring.push("a");
  ring.push("b");
  ring.clear();
  assert.deepEqual(ring.read(0, 10), { items: [], dropped: 0, next: 2 });
  assert.equal(ring.push("c"), 3);
  assert.deepEqual(ring.read(2, 10), { items: ["c"], dropped: 0, next: 3 });
});
