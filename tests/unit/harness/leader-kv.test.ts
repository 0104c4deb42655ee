// harness/leader-kv's pure parts: what an answer means on each of the three wires (Raft,
// Multi-Paxos, chain replication), how an unanswered operation ends, and the clients' memory
// of each route's holder.
import assert from "node:assert/strict";
import { test } from "vitest";
import { finish } from "../../../harness/leader-kv/client.ts";
import { HINT_CHARS_MAX, attemptOf } from "../../../harness/leader-kv/connections.ts";
import type { KvAttempt, KvOp } from "../../../harness/leader-kv/history.ts";
import { RouteMemory, makeTargeting } from "../../../harness/leader-kv/targeting.ts";
import type { KvResponse } from "../../../harness/leader-kv/wire.ts";
import { seededRandom } from "../../../harness/random.ts";
import { chainWire } from "../../../problems/chain-replication/wire.ts";
import { paxosWire } from "../../../problems/multi-paxos/wire.ts";
import { raftWire } from "../../../problems/raft/wire.ts";

const answer = (status: string, fields: object = {}): KvResponse => ({
  status,
  value: "",
  found: false,
  ...fields,
});

test("Raft's and Multi-Paxos's NOT_LEADER and the chain's NOT_HEAD / NOT_TAIL are redirects with their hint", () => {
  const leaderHint = answer("NOT_LEADER", { leader_hint: "node-2", hint: "ignored", slot: 0 });
  for (const wire of [raftWire, paxosWire]) {
    assert.deepEqual(wire.classify(leaderHint), {
      kind: "redirect",
      result: "not_leader",
      hint: "node-2",
    });
    // The other wire's hint field is no hint here.
    assert.deepEqual(wire.classify(answer("NOT_HEAD", { hint: "node-1" })), {
      kind: "error",
      detail: "status NOT_HEAD",
    });
  }
  assert.deepEqual(chainWire.classify(answer("NOT_HEAD", { hint: "node-1" })), {
    kind: "redirect",
    result: "not_head",
    hint: "node-1",
  });
  assert.deepEqual(chainWire.classify(answer("NOT_TAIL", { hint: "" })), {
    kind: "redirect",
    result: "not_tail",
    hint: "",
  });
  assert.deepEqual(chainWire.redirects, ["not_head", "not_tail"]);
  assert.deepEqual(raftWire.redirects, ["not_leader"]);
});

test("OK is ok, UNAVAILABLE unavailable, anything else an error naming the status", () => {
  for (const wire of [raftWire, paxosWire, chainWire]) {
    assert.deepEqual(wire.classify(answer("OK", { value: "v", found: true })), { kind: "ok" });
    assert.deepEqual(wire.classify(answer("UNAVAILABLE")), { kind: "unavailable" });
    assert.deepEqual(wire.classify(answer("STATUS_UNSPECIFIED")), {
      kind: "error",
      detail: "status STATUS_UNSPECIFIED",
    });
    // A status named like an object's own property is no redirect.
    assert.equal(wire.classify(answer("toString")).kind, "error");
  }
});

test("an attempt keeps a redirect's hint, capped; other answers carry none", () => {
  const long = "x".repeat(HINT_CHARS_MAX + 50);
  const redirect = attemptOf(
    raftWire,
    "node-0",
    10,
    20,
    answer("NOT_LEADER", { leader_hint: long }),
  );
  assert.deepEqual(redirect, {
    node: "node-0",
    startMs: 10,
    endMs: 20,
    result: "not_leader",
    hint: "x".repeat(HINT_CHARS_MAX),
  });
  assert.deepEqual(attemptOf(chainWire, "node-1", 10, 20, answer("OK", { hint: "node-2" })), {
    node: "node-1",
    startMs: 10,
    endMs: 20,
    result: "ok",
  });
  assert.deepEqual(attemptOf(chainWire, "node-1", 10, 20, answer("BOGUS")), {
    node: "node-1",
    startMs: 10,
    endMs: 20,
    result: "error",
    detail: "status BOGUS",
  });
});

function openOp(attempts: KvAttempt[]): KvOp {
  return {
    id: 1,
    client: "c0",
    sequence: 1,
    f: "put",
    key: "k0",
    value: "c0.1;",
    outcome: "info",
    startMs: 100,
    endMs: null,
    attempts,
  };
}

const tried = (result: string, endMs: number, hint?: string): KvAttempt => ({
  node: "node-0",
  startMs: endMs - 5,
  endMs,
  result,
  ...(hint === undefined ? {} : { hint }),
});

test("finish: fail only when every attempt was refused with a redirect, else info and open", () => {
  const refused = finish(
    openOp([tried("not_head", 110, "node-1"), tried("not_tail", 130, "")]),
    chainWire,
  );
  assert.equal(refused.outcome, "fail");
  assert.equal(refused.endMs, 130);
  // A refusal word of another wire is no refusal here.
  assert.equal(finish(openOp([tried("not_head", 110, "node-1")]), raftWire).outcome, "info");
  for (const ambiguous of ["unavailable", "deadline", "error"]) {
    const op = finish(openOp([tried("not_leader", 110, ""), tried(ambiguous, 140)]), raftWire);
    assert.equal(op.outcome, "info", ambiguous);
    assert.equal(op.endMs, null, ambiguous);
  }
});

const NODES = ["node-0", "node-1", "node-2"];

test("following hints, each route's holder is remembered apart and forgotten when it fails", () => {
  const memory = new RouteMemory();
  const targeting = makeTargeting("leader", NODES, "node-0", memory, seededRandom(1));
  targeting.learned("head", "node-0");
  targeting.learned("tail", "node-2");
  assert.equal(targeting.first("head"), "node-0");
  assert.equal(targeting.first("tail"), "node-2");
  // The head failed: only the head is forgotten, and the next try is elsewhere.
  assert.notEqual(targeting.afterFailure("head", "node-0"), "node-0");
  assert.equal(memory.holder("head"), null);
  assert.equal(memory.holder("tail"), "node-2");
  // A failure at a node that is not the route's holder forgets nothing.
  targeting.afterFailure("tail", "node-1");
  assert.equal(memory.holder("tail"), "node-2");
});

test("every client of a run shares the memory; sticky clients keep to their home", () => {
  const memory = new RouteMemory();
  const random = makeTargeting("random", NODES, "node-0", memory, seededRandom(2));
  const sticky = makeTargeting("sticky", NODES, "node-1", memory, seededRandom(3));
  const follower = makeTargeting("leader", NODES, "node-0", memory, seededRandom(4));
  random.learned("leader", "node-2");
  assert.equal(follower.first("leader"), "node-2");
  sticky.learned("leader", "node-0");
  assert.equal(follower.first("leader"), "node-0");
  assert.equal(sticky.first("leader"), "node-1");
  assert.equal(sticky.afterFailure("leader", "node-1"), "node-1");
  assert.equal(sticky.afterFailure("leader", "node-2"), "node-0");
});
