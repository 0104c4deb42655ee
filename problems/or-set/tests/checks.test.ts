// The OR-Set checks on hand-made runs: the converged set against add-wins, every read against
// what its node may and must show, and a retried add whose first attempt was applied before a
// remove (its ok answer came after the remove: the add-wins rule must not demand it).
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Attempt } from "../../../harness/operation.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { checkAddWins, checkFinalReads } from "../checks.ts";
import type { SetOp } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2"];
let nextId = 0;

function runOf(ops: SetOp[], finals: SetOp[]): RunRecord<SetOp> {
  return runRecord({
    problem: "or-set",
    nodes: NODES,
    history: [...ops, ...finals],
    finalReads: finals,
  });
}

function op(
  f: SetOp["f"],
  node: string,
  startMs: number,
  rest: { key?: string; output?: string[]; attempts?: Attempt[]; outcome?: SetOp["outcome"] } = {},
): SetOp {
  const outcome = rest.outcome ?? "ok";
  const endMs = outcome === "ok" ? startMs + 10 : null;
  const attempts = rest.attempts ?? [
    { node, startMs, endMs: startMs + 10, result: outcome === "ok" ? "ok" : "deadline" },
  ];
  return {
    id: nextId++,
    client: "c0",
    sequence: nextId,
    f,
    ...(rest.key === undefined ? {} : { key: rest.key }),
    ...(rest.output === undefined ? {} : { output: rest.output }),
    outcome,
    startMs,
    endMs,
    attempts,
  };
}

const finals = (elements: string[][], at = 9000): SetOp[] =>
  NODES.map((n, i) => op("read", n, at + i * 20, { output: elements[i] ?? [] }));
const same = (elements: string[]): SetOp[] => finals(NODES.map(() => elements));

test("a remove at another node than the add leaves either outcome allowed", () => {
  const ops = [op("add", "node-0", 0, { key: "a" }), op("remove", "node-1", 100, { key: "a" })];
  for (const converged of [["a"], []]) {
    const run = runOf(ops, same(converged));
    assert.equal(checkFinalReads(run).status, "holds", JSON.stringify(converged));
    assert.equal(checkAddWins(run).status, "holds", JSON.stringify(converged));
  }
});

test("an element removed at its add's node after the add comes back: violated", () => {
  const ops = [op("add", "node-0", 0, { key: "a" }), op("remove", "node-0", 100, { key: "a" })];
  const result = checkFinalReads(runOf(ops, same(["a"])));
  assert.equal(result.status, "violated");
  assert.match(result.message, /removed at its own node/);
  assert.equal(checkFinalReads(runOf(ops, same([]))).status, "holds");
});

test("an add invoked after every remove completed is missing: violated (add wins)", () => {
  const ops = [op("remove", "node-0", 0, { key: "a" }), op("add", "node-1", 100, { key: "a" })];
  const result = checkFinalReads(runOf(ops, same([])));
  assert.equal(result.status, "violated");
  assert.match(result.message, /add wins/);
});

test("nodes that disagree after the heal: violated", () => {
  const ops = [op("add", "node-0", 0, { key: "a" }), op("remove", "node-1", 100, { key: "b" })];
  const result = checkFinalReads(runOf(ops, finals([["a"], ["a"], []])));
  assert.equal(result.status, "violated");
  assert.match(result.message, /disagreed/);
});

test("a retried add answered after a remove at its node may have been removed", () => {
  // The first attempt reached node-0 and was applied; its answer was lost. The remove at
  // node-0 saw the tag; the retry was deduplicated and answered ok without a new tag.
  const add = op("add", "node-0", 0, {
    key: "a",
    attempts: [
      { node: "node-0", startMs: 0, endMs: 2000, result: "deadline" },
      { node: "node-0", startMs: 2100, endMs: 2110, result: "ok" },
    ],
  });
  add.endMs = 2110;
  const ops = [add, op("remove", "node-0", 500, { key: "a" })];
  assert.equal(checkFinalReads(runOf(ops, same([]))).status, "holds");
  assert.equal(checkAddWins(runOf(ops, same([]))).status, "holds");
  // A fresh add invoked after the remove completed must survive.
  const fresh = [
    op("remove", "node-0", 500, { key: "a" }),
    op("add", "node-0", 2100, { key: "a" }),
  ];
  assert.equal(checkFinalReads(runOf(fresh, same([]))).status, "violated");
});

test("a read at the add's node that lacks it before any remove: violated", () => {
  const ops = [
    op("add", "node-0", 0, { key: "a" }),
    op("read", "node-0", 100, { output: [] }),
    op("remove", "node-1", 200, { key: "a" }),
  ];
  const result = checkAddWins(runOf(ops, same([])));
  assert.equal(result.status, "violated");
  assert.match(result.message, /lacked "a"/);
});

test("a stale read at another node is allowed; a never-added element is not", () => {
  const ops = [
    op("add", "node-0", 0, { key: "a" }),
    op("read", "node-1", 100, { output: [] }),
    op("remove", "node-1", 200, { key: "b", outcome: "info" }),
  ];
  assert.equal(checkAddWins(runOf(ops, same(["a"]))).status, "holds");
  const ghost = checkFinalReads(runOf(ops, same(["a", "z"])));
  assert.equal(ghost.status, "violated");
  assert.match(ghost.message, /never added/);
});

test("a node that does not answer its final read: violated", () => {
  const ops = [op("add", "node-0", 0, { key: "a" }), op("remove", "node-1", 100, { key: "a" })];
  const reads = same(["a"]);
  const silent = op("read", "node-2", 9100, { outcome: "info" });
  const result = checkFinalReads(runOf(ops, [reads[0] as SetOp, reads[1] as SetOp, silent]));
  assert.equal(result.status, "violated");
});
