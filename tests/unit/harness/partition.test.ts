// A partition's groups resolve to nodes and lost links (harness/partition.ts): disjoint
// groups as before, "others" alone or beside named nodes, and overlapping groups that make
// one node the bridge between nodes that cannot reach each other.
import assert from "node:assert/strict";
import { test } from "vitest";
import { resolveGroups, sideOf, unreachableFrom } from "../../../harness/partition.ts";

const NODES = ["n0", "n1", "n2", "n3", "n4"];
const byId = (ref: string): string => ref.replace(/^\$/, "");

test("named groups and the others as a group of their own", () => {
  assert.deepEqual(resolveGroups([["$n1", "$n3"], ["others"]], NODES, byId), [
    ["n1", "n3"],
    ["n0", "n2", "n4"],
  ]);
  // Without "others", the rest still form one group.
  assert.deepEqual(resolveGroups([["n2"]], NODES, byId), [["n2"], ["n0", "n1", "n3", "n4"]]);
});

test("each ref is resolved knowing the nodes named before it", () => {
  const seen: string[][] = [];
  resolveGroups([["a", "b"], ["others"]], NODES, (ref, taken) => {
    seen.push([...taken]);
    return ref === "a" ? "n0" : "n4";
  });
  assert.deepEqual(seen, [[], ["n0"]]);
});

test("overlapping groups: the bridge reaches everyone, the others only it and their group", () => {
  const groups = resolveGroups(
    [
      ["n2", "n0"],
      ["n2", "n1"],
      ["n2", "others"],
    ],
    NODES,
    byId,
  );
  assert.deepEqual(groups, [
    ["n2", "n0"],
    ["n2", "n1"],
    ["n2", "n3", "n4"],
  ]);
  const lost = unreachableFrom(NODES, groups);
  assert.deepEqual(lost.get("n2"), []);
  assert.deepEqual(lost.get("n0"), ["n1", "n3", "n4"]);
  assert.deepEqual(lost.get("n1"), ["n0", "n3", "n4"]);
  assert.deepEqual(lost.get("n3"), ["n0", "n1"]);
  assert.deepEqual(sideOf("n3", groups), ["n2", "n3", "n4"]);
  assert.deepEqual(sideOf("n2", groups).sort(), NODES);
});

test("disjoint groups cut every link between them, both ways", () => {
  const lost = unreachableFrom(NODES, [
    ["n0", "n1"],
    ["n2", "n3", "n4"],
  ]);
  assert.deepEqual(lost.get("n0"), ["n2", "n3", "n4"]);
  assert.deepEqual(lost.get("n4"), ["n0", "n1"]);
});
