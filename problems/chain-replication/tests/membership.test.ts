// The master's membership rules (membership.ts), on hand-made node views.
import assert from "node:assert/strict";
import { test } from "vitest";
import { initialChain, nextChain, type NodeView } from "../membership.ts";

const view = (state: NodeView["state"], starts = 1): NodeView => ({ state, starts });
const views = (entries: [string, NodeView][]) => new Map(entries);
const joinedOnce = new Map([
  ["node-0", 1],
  ["node-1", 1],
  ["node-2", 1],
]);
const chain = ["node-0", "node-1", "node-2"];

test("a chain of running members that have not restarted stays", () => {
  const all = views(chain.map((n) => [n, view("running")]));
  assert.equal(nextChain(chain, joinedOnce, all), null);
});

test("a stopped or exited member leaves, the others keep their order", () => {
  const v = views([
    ["node-0", view("running")],
    ["node-1", view("stopped")],
    ["node-2", view("running")],
  ]);
  assert.deepEqual(nextChain(chain, joinedOnce, v), ["node-0", "node-2"]);
  v.set("node-0", view("exited"));
  assert.deepEqual(nextChain(chain, joinedOnce, v), ["node-2"]);
});

test("a member restarted since it joined leaves first, even if it runs again", () => {
  const v = views([
    ["node-0", view("running", 2)],
    ["node-1", view("running")],
    ["node-2", view("running")],
  ]);
  assert.deepEqual(nextChain(chain, joinedOnce, v), ["node-1", "node-2"]);
  // Once out, the running node joins at the tail.
  assert.deepEqual(nextChain(["node-1", "node-2"], joinedOnce, v), ["node-1", "node-2", "node-0"]);
});

test("a paused member stays, a starting node waits, a node whose agent said nothing is kept", () => {
  const v = views([
    ["node-0", view("paused")],
    ["node-2", view("starting", 2)],
  ]);
  assert.equal(nextChain(["node-0", "node-1"], joinedOnce, v), null);
});

test("removals come before joins", () => {
  const v = views([
    ["node-0", view("stopped")],
    ["node-1", view("running")],
    ["node-2", view("running", 2)],
  ]);
  assert.deepEqual(nextChain(["node-0", "node-1"], joinedOnce, v), ["node-1"]);
});

test("the first chain is a seeded order of every node", () => {
  const nodes = ["node-0", "node-1", "node-2"];
  const orders = new Set<string>();
  for (let seed = 1; seed <= 40; seed++) {
    const order = initialChain(seed, nodes);
    assert.deepEqual(order, initialChain(seed, nodes));
    assert.deepEqual([...order].sort(), nodes);
    orders.add(order.join());
  }
  assert.equal(orders.size, 6, "every order of three nodes comes up");
});
