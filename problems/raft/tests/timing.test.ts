import { test } from "vitest";
import assert from "node:assert/strict";
import { heartbeatCheck } from "../../../harness/leader-kv/heartbeats.ts";
import { checkRecovered } from "../../../harness/leader-kv/recovery.ts";
import { answersWithinCheck, checkLeaderWithin } from "../../../harness/leader-kv/timing.ts";
import { raftSignal } from "../signal.ts";
import { attempt, heartbeats, NODES, op, runOf } from "./fixtures.ts";

// The harness's leader-kv checks as Raft composes them (checks.ts).
const checkHeartbeats = heartbeatCheck(raftSignal);
const checkAnswersWithin = answersWithinCheck(raftSignal);

test("heartbeats every 100 ms hold; every 30 ms or every 800 ms do not", () => {
  assert.equal(
    checkHeartbeats(
      runOf({ messages: heartbeats("node-0", NODES, 1, 0, 3000, 100), idleWindows: [[0, 3000]] }),
    ).status,
    "holds",
  );
  const flood = checkHeartbeats(
    runOf({ messages: heartbeats("node-0", NODES, 1, 0, 3000, 30), idleWindows: [[0, 3000]] }),
  );
  assert.equal(flood.status, "violated");
  assert.match(flood.message, /leader node-0 sent node-1 100 AppendEntries in 3.0 s/);
  assert.equal(
    checkHeartbeats(
      runOf({ messages: heartbeats("node-0", NODES, 1, 0, 3000, 800), idleWindows: [[0, 3000]] }),
    ).status,
    "violated",
  );
});

test("silence in an idle window is a violation; an election inside it is inconclusive", () => {
  assert.match(
    checkHeartbeats(runOf({ messages: [], idleWindows: [[0, 2000]] })).message,
    /no node sent AppendEntries/,
  );
  const election = [
    ...heartbeats("node-0", NODES, 1, 0, 1000, 100),
    ...heartbeats("node-2", NODES, 2, 1000, 2000, 100),
  ];
  assert.equal(
    checkHeartbeats(runOf({ messages: election, idleWindows: [[0, 2000]] })).status,
    "inconclusive",
  );
});

test("a write within 5 s of the leader's loss holds; none while clients tried is a violation", () => {
  const served = [op({ attempts: [attempt("node-1", 1000, 3500, "ok")] })];
  const loss = [{ atMs: 1000, role: "leader", description: "the leader node-0 was killed" }];
  assert.equal(
    checkLeaderWithin(runOf({ history: served, roleLosses: loss, faults: [] })).status,
    "holds",
  );
  // A write right after start-up: the start-up's own 5 s are met.
  const startUp = op({ attempts: [attempt("node-0", 100, 200, "ok")] });
  const starved = [
    startUp,
    op({
      attempts: [attempt("node-1", 1000, 2000, "unavailable"), attempt("node-2", 2100, 7000, "ok")],
    }),
  ];
  const result = checkLeaderWithin(runOf({ history: starved, roleLosses: loss, faults: [] }));
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /no write succeeded within 5 s after the leader node-0 was killed \(at 1.0 s\)/,
  );
  // A loss whose 5 s another fault disturbed is not judged: only the start-up's count.
  const disturbed = [{ startMs: 3000, endMs: 4000, description: "killed node-1" }];
  const spared = checkLeaderWithin(
    runOf({ history: starved, roleLosses: loss, faults: disturbed }),
  );
  assert.equal(spared.status, "holds");
  assert.match(spared.message, /each of 1 losses/);
  // With neither a served start-up nor a judged loss there is no evidence.
  assert.equal(
    checkLeaderWithin(
      runOf({ history: starved.slice(1), roleLosses: loss, faults: disturbed, originMs: -20000 }),
    ).status,
    "inconclusive",
  );
});

test("a stable leader timing out with no fault in force is a violation, not during a fault", () => {
  const traffic = heartbeats("node-1", NODES, 2, 0, 6000, 100);
  const slow = [op({ attempts: [attempt("node-1", 3000, 4000, "deadline")] })];
  assert.equal(
    checkAnswersWithin(runOf({ history: slow, messages: traffic, faults: [] })).status,
    "violated",
  );
  const fault = [{ startMs: 2500, endMs: 3500, description: "partition" }];
  assert.equal(
    checkAnswersWithin(runOf({ history: slow, messages: traffic, faults: fault })).status,
    "inconclusive",
  );
  const fast = [op({ attempts: [attempt("node-1", 3000, 3020, "ok")] })];
  assert.equal(
    checkAnswersWithin(runOf({ history: fast, messages: traffic, faults: [] })).status,
    "holds",
  );
});

test("final reads must all be answered after the heal", () => {
  const ok = op({ f: "get", attempts: [attempt("node-1", 0, 10, "ok")] });
  assert.equal(checkRecovered(runOf({ finalReads: [ok] })).status, "holds");
  const lost = op({ f: "get", key: "k3", attempts: [attempt("node-1", 0, 1000, "deadline")] });
  assert.match(
    checkRecovered(runOf({ finalReads: [ok, lost] })).message,
    /a read of k3 got no OK within 10 s/,
  );
});
