import { test } from "node:test";
import assert from "node:assert/strict";
import { checkHeartbeats } from "../../../shared/check/raft/heartbeats.ts";
import { checkAnswersWithin, checkLeaderWithin } from "../../../shared/check/raft/timing.ts";
import { checkRecovered } from "../../../shared/check/raft/recovery.ts";
import { attempt, heartbeats, NODES, op } from "./fixtures.ts";

test("heartbeats every 100 ms hold; every 30 ms or every 800 ms do not", () => {
  assert.equal(
    checkHeartbeats(heartbeats("node-0", NODES, 1, 0, 3000, 100), NODES, [[0, 3000]], 0).status,
    "holds",
  );
  const flood = checkHeartbeats(heartbeats("node-0", NODES, 1, 0, 3000, 30), NODES, [[0, 3000]], 0);
  assert.equal(flood.status, "violated");
  assert.match(flood.message, /leader node-0 sent node-1 100 AppendEntries in 3.0 s/);
  assert.equal(
    checkHeartbeats(heartbeats("node-0", NODES, 1, 0, 3000, 800), NODES, [[0, 3000]], 0).status,
    "violated",
  );
});

test("silence in an idle window is a violation; an election inside it is inconclusive", () => {
  assert.match(checkHeartbeats([], NODES, [[0, 2000]], 0).message, /no node sent AppendEntries/);
  const election = [
    ...heartbeats("node-0", NODES, 1, 0, 1000, 100),
    ...heartbeats("node-2", NODES, 2, 1000, 2000, 100),
  ];
  assert.equal(checkHeartbeats(election, NODES, [[0, 2000]], 0).status, "inconclusive");
});

test("a write within 5 s of the leader's loss holds; none while clients tried is a violation", () => {
  const served = [op({ attempts: [attempt("node-1", 1000, 3500, "ok")] })];
  const loss = [{ atMs: 1000, description: "the leader node-0 was killed" }];
  assert.equal(checkLeaderWithin(served, loss, [], 10000, 0).status, "holds");
  const starved = [
    op({
      attempts: [attempt("node-1", 1000, 2000, "unavailable"), attempt("node-2", 2100, 7000, "ok")],
    }),
  ];
  const result = checkLeaderWithin(starved, loss, [], 10000, 0);
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /no write succeeded within 5 s after the leader node-0 was killed \(at 1.0 s\)/,
  );
  const disturbed = [{ startMs: 3000, endMs: 4000, description: "killed node-1" }];
  assert.equal(checkLeaderWithin(starved, loss, disturbed, 10000, 0).status, "inconclusive");
});

test("a stable leader timing out with no fault in force is a violation, not during a fault", () => {
  const traffic = heartbeats("node-1", NODES, 2, 0, 6000, 100);
  const slow = [op({ attempts: [attempt("node-1", 3000, 4000, "deadline")] })];
  assert.equal(checkAnswersWithin(slow, traffic, [], 0).status, "violated");
  const fault = [{ startMs: 2500, endMs: 3500, description: "partition" }];
  assert.equal(checkAnswersWithin(slow, traffic, fault, 0).status, "inconclusive");
  const fast = [op({ attempts: [attempt("node-1", 3000, 3020, "ok")] })];
  assert.equal(checkAnswersWithin(fast, traffic, [], 0).status, "holds");
});

test("final reads must all be answered after the heal", () => {
  const ok = op({ f: "get", attempts: [attempt("node-1", 0, 10, "ok")] });
  assert.equal(checkRecovered([ok], 10000, 0).status, "holds");
  const lost = op({ f: "get", key: "k3", attempts: [attempt("node-1", 0, 1000, "deadline")] });
  assert.match(checkRecovered([ok, lost], 10000, 0).message, /a read of k3 got no OK within 10 s/);
});
