// The PN-Counter checks on hand-made runs with deltas of both signs: final reads against the
// acceptable set, reads mid-run against the signed bounds (a read may go down), each with
// the words a learner reads in the report.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { counterChecks } from "../checks.ts";
import type { CounterOp } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2"];
let nextId = 0;

function runOf(fields: Partial<RunRecord<CounterOp>>): RunRecord<CounterOp> {
  return runRecord({ problem: "pn-counter", nodes: NODES, ...fields });
}

const check = (name: string, run: RunRecord<CounterOp>) => {
  const found = counterChecks.find((c) => c.name === name);
  assert.ok(found, name);
  return found.run(run, { searchTimeoutMs: 1000 });
};

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

// Σ ok = 5 - 8 = -3; the unknown -4 may or may not count: -3 or -7.
const adds = [
  add("node-0", 5, 100),
  add("node-1", -8, 200),
  add("node-2", -4, 300, "info"),
  add("node-2", 9, 350, "fail"),
];
const finals = (values: number[]) =>
  values.map((v, i) => read(NODES[i] as string, v, 5000 + i * 20));

test("final reads: Σ ok adds, with or without the unknown decrement, hold; anything else is named", () => {
  for (const v of [-3, -7]) {
    const f = finals([v, v, v]);
    const result = check("convergence", runOf({ history: [...adds, ...f], finalReads: f }));
    assert.equal(result.status, "holds", `${v}: ${result.message}`);
  }
  for (const v of [1, 13, 6, -17]) {
    const f = finals([v, v, v]);
    const result = check("convergence", runOf({ history: [...adds, ...f], finalReads: f }));
    assert.equal(result.status, "violated", String(v));
  }
  const f = finals([1, 1, 1]);
  assert.match(
    check("convergence", runOf({ history: [...adds, ...f], finalReads: f })).message,
    /every node read 1, but 1 is not Σ ok adds plus some of the unknown ones \(the ok adds sum to -3, and 1 adds of unknown outcome sum to -4/,
  );
  const split = finals([-3, -3, 5]);
  assert.match(
    check("convergence", runOf({ history: [...adds, ...split], finalReads: split })).message,
    /still disagreed.*node-2 read 5/,
  );
});

test("mid-run reads: stale reads of either side and a read going down hold", () => {
  const history = [
    ...adds,
    // Stale: node-2 has heard of neither ok add, and may or may not hold its own -4.
    read("node-2", 0, 400),
    read("node-2", -4, 420),
    // node-0 saw its own +5, then node-1's -8: its reads go down, as they may.
    read("node-0", 5, 250),
    read("node-0", -3, 500),
    // node-1 holds its own -8, and may have heard of +5 and -4 or not.
    read("node-1", -7, 600),
  ];
  const result = check("read bounds", runOf({ history }));
  assert.equal(result.status, "holds", result.message);
  assert.match(result.message, /all 5 reads within their bounds$/);
});

test("mid-run reads: above every increment invoked, or below every decrement invoked, is caught", () => {
  // node-1 acknowledged -8: at most +5 (node-0's increment) - 8 = -3 before the fail.
  const high = check("read bounds", runOf({ history: [...adds, read("node-1", 0, 400)] }));
  assert.equal(high.status, "violated");
  assert.match(
    high.message,
    /node-1 read 0 at 0.4 s, more than the -3 it could reach: every increment invoked before the read completed, plus the decrements node-1 itself acknowledged before the read/,
  );
  // node-0 acknowledged +5: at least 5 - 8 - 4 = -7.
  const low = check("read bounds", runOf({ history: [...adds, read("node-0", -8, 400)] }));
  assert.match(
    low.message,
    /node-0 read -8 at 0.4 s, less than the -7 it could reach: the increments node-0 itself acknowledged before the read, plus every decrement invoked before the read completed/,
  );
  // Before any decrement was invoked nothing can be negative.
  const early = check("read bounds", runOf({ history: [...adds, read("node-2", -1, 120)] }));
  assert.match(early.message, /node-2 read -1 at 0.1 s, less than the 0 it could reach/);
  assert.equal(early.excerpt?.length, 1);
  assert.equal(check("read bounds", runOf({ history: adds })).status, "inconclusive");
});
