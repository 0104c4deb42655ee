// The Gossip Broadcast checks on hand-made runs: the final reads against the values known,
// set-full over every read, and the stable latency bounded in the efficiency scenario only,
// each with the words a learner reads in the report.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { checkFinalReads, checkSetFullOf, checkStableLatency } from "../checks.ts";
import type { BroadcastOp } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];

function runOf(
  ops: BroadcastOp[],
  finals: BroadcastOp[],
  scenario = "test",
): RunRecord<BroadcastOp> {
  return runRecord({
    problem: "gossip-broadcast",
    scenario,
    nodes: NODES,
    history: [...ops, ...finals],
    finalReads: finals,
  });
}

/** A broadcast whose value is its id. */
function broadcast(
  id: number,
  node: string,
  startMs: number,
  outcome: BroadcastOp["outcome"] = "ok",
): BroadcastOp {
  const endMs = outcome === "ok" ? startMs + 10 : null;
  return {
    id,
    client: "c0",
    sequence: id,
    f: "broadcast",
    outcome,
    startMs,
    endMs,
    attempts: [
      { node, startMs, endMs: startMs + 10, result: outcome === "ok" ? "ok" : "deadline" },
    ],
  };
}

let readId = 1000;
function read(node: string, output: number[], startMs: number): BroadcastOp {
  return {
    id: readId++,
    client: "c1",
    f: "read",
    output,
    outcome: "ok",
    startMs,
    endMs: startMs + 10,
    attempts: [{ node, startMs, endMs: startMs + 10, result: "ok" }],
  };
}

const finals = (values: number[][]) =>
  NODES.map((n, i) => read(n, values[i] ?? values[0] ?? [], 9000 + i * 20));
const sent = [
  broadcast(1, "node-0", 100),
  broadcast(2, "node-1", 200),
  broadcast(3, "node-2", 300, "info"),
];

test("final reads: every ok value, with or without the unknown one, hold; a lost or invented one is named", () => {
  for (const converged of [
    [1, 2],
    [1, 2, 3],
  ]) {
    const run = runOf(sent, finals([converged]));
    assert.equal(checkFinalReads(run).status, "holds", JSON.stringify(converged));
    assert.equal(checkSetFullOf(run).status, "holds", JSON.stringify(converged));
  }
  const lost = checkFinalReads(runOf(sent, finals([[1]])));
  assert.match(
    lost.message,
    /every node read 1 values, but 2 is missing, though node-1 acknowledged/,
  );
  const shownOnce = [...sent, read("node-3", [1, 2, 3], 500)];
  assert.match(
    checkFinalReads(runOf(shownOnce, finals([[1, 2]]))).message,
    /3 is missing, though a read at node-3 showed it mid-run/,
  );
  assert.match(checkFinalReads(runOf(sent, finals([[1, 2, 9]]))).message, /9 was never broadcast/);
  assert.match(
    checkFinalReads(runOf(sent, finals([[1, 2], [1]]))).message,
    /still disagreed.*node-1 read 1 values/,
  );
});

test("set-full: a stale read elsewhere holds; a duplicate or a forgotten value is caught", () => {
  const stale = read("node-4", [], 150);
  assert.equal(checkSetFullOf(runOf([...sent, stale], finals([[1, 2]]))).status, "holds");
  const dup = checkSetFullOf(runOf([...sent, read("node-2", [1, 1], 400)], finals([[1, 2]])));
  assert.match(dup.message, /a read listed 1 2 times/);
  const forgot = checkSetFullOf(runOf([...sent, read("node-0", [2], 400)], finals([[1, 2]])));
  assert.match(forgot.message, /a read at node-0 lacked 1, which node-0 already held/);
});

test("stable latency: bounded in the efficiency scenario only", () => {
  // Value 1 was missed by a read at node-4 invoked 1400 ms after its broadcast; 2 and 4 never.
  const late = [
    ...sent,
    broadcast(4, "node-3", 400),
    read("node-4", [2, 4], 1500),
    read("node-4", [1, 2, 4], 2100),
  ];
  const elsewhere = checkStableLatency(runOf(late, finals([[1, 2, 4]])));
  assert.equal(elsewhere.status, "holds");
  assert.match(elsewhere.message, /max 1400 ms.*bounded only in the efficiency scenario/);
  const judged = checkStableLatency(runOf(late, finals([[1, 2, 4]]), "efficiency"));
  assert.equal(judged.status, "violated");
  assert.match(judged.message, /the maximum is above the limit of 1200 ms/);
  const quick = checkStableLatency(runOf(sent, finals([[1, 2]]), "efficiency"));
  assert.equal(quick.status, "holds");
});
