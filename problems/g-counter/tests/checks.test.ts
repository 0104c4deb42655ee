// The G-Counter checks on hand-made runs: final reads against the acceptable set, reads
// mid-run against their bounds, each with the words a learner reads in the report.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { checkFinalReads, checkReadBounds } from "../checks.ts";
import type { CounterOp } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2"];
let nextId = 0;

function runOf(fields: Partial<RunRecord<CounterOp>>): RunRecord<CounterOp> {
  return runRecord({ problem: "g-counter", nodes: NODES, ...fields });
}

function add(
  node: string,
  delta: number,
  startMs: number,
  outcome: CounterOp["outcome"] = "ok",
): CounterOp {
  const endMs = startMs + 10;
  return {
    id: nextId++,
    client: "c0",
    sequence: nextId,
    f: "add",
    value: delta,
    outcome,
    startMs,
    endMs: outcome === "info" ? null : endMs,
    attempts: [{ node, startMs, endMs, result: outcome === "ok" ? "ok" : "deadline" }],
  };
}

function read(node: string, value: number, startMs: number): CounterOp {
  return {
    id: nextId++,
    client: "c1",
    f: "read",
    output: value,
    outcome: "ok",
    startMs,
    endMs: startMs + 10,
    attempts: [{ node, startMs, endMs: startMs + 10, result: "ok" }],
  };
}

const adds = [add("node-0", 3, 100), add("node-1", 4, 200), add("node-2", 7, 300, "info")];
const finals = (values: number[]) =>
  values.map((v, i) => read(NODES[i] as string, v, 5000 + i * 20));

test("final reads: Σ ok adds, or with the unknown add, hold; anything else is named", () => {
  for (const v of [7, 14]) {
    const f = finals([v, v, v]);
    assert.equal(
      checkFinalReads(runOf({ history: [...adds, ...f], finalReads: f })).status,
      "holds",
    );
  }
  const f = finals([10, 10, 10]);
  const result = checkFinalReads(runOf({ history: [...adds, ...f], finalReads: f }));
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /every node read 10, but 10 is not Σ ok adds plus some of the unknown ones \(the ok adds sum to 7/,
  );
  const split = finals([7, 7, 3]);
  assert.match(
    checkFinalReads(runOf({ history: [...adds, ...split], finalReads: split })).message,
    /still disagreed.*node-2 read 3/,
  );
});

test("mid-run reads: a stale read holds; one above what was invoked, below what the node acknowledged, or decreasing is caught", () => {
  const stale = read("node-2", 0, 250);
  assert.equal(checkReadBounds(runOf({ history: [...adds, stale] })).status, "holds");
  const high = checkReadBounds(runOf({ history: [...adds, read("node-2", 8, 150)] }));
  assert.match(high.message, /node-2 read 8 at 0.1 s, more than the 3 that every add invoked/);
  const low = checkReadBounds(runOf({ history: [...adds, read("node-1", 2, 400)] }));
  assert.match(
    low.message,
    /node-1 read 2 at 0.4 s, less than the 4 that the adds node-1 itself acknowledged/,
  );
  const down = checkReadBounds(
    runOf({ history: [...adds, read("node-0", 7, 400), read("node-0", 3, 500)] }),
  );
  assert.match(
    down.message,
    /node-0 read 3 at 0.5 s, less than the 7 it answered to an earlier read/,
  );
  assert.equal(down.excerpt?.length, 2);
  assert.equal(checkReadBounds(runOf({ history: adds })).status, "inconclusive");
});
