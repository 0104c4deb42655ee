import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checkOneLeaderPerTerm,
  checkOneVotePerTerm,
} from "../../../shared/check/raft/election-safety.ts";
import { append, heartbeats, NODES, vote } from "./fixtures.ts";

test("one leader per term holds across successive terms", () => {
  const log = [
    ...heartbeats("node-0", NODES, 1, 0, 1000, 100),
    ...heartbeats("node-3", NODES, 2, 1000, 2000, 100),
  ];
  assert.equal(checkOneLeaderPerTerm(log, 0).status, "holds");
});

test("two nodes sending AppendEntries in one term is named, with both messages", () => {
  const log = [...heartbeats("node-0", NODES, 4, 0, 500, 100), append("node-2", "node-1", 4, 650)];
  const result = checkOneLeaderPerTerm(log, 0);
  assert.equal(result.status, "violated");
  assert.match(result.message, /two leaders in term 4: node-0 and node-2/);
  assert.equal(result.excerpt?.length, 2);
});

test("a vote granted twice to the same candidate is fine; to two candidates is not", () => {
  assert.equal(
    checkOneVotePerTerm(
      [vote("node-1", "node-2", 3, true, 0), vote("node-1", "node-2", 3, true, 10)],
      0,
    ).status,
    "holds",
  );
  const refused = [vote("node-1", "node-2", 3, true, 0), vote("node-3", "node-2", 3, false, 10)];
  assert.equal(checkOneVotePerTerm(refused, 0).status, "holds");
  const twice = [vote("node-1", "node-2", 3, true, 0), vote("node-3", "node-2", 3, true, 10)];
  const result = checkOneVotePerTerm(twice, 0);
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-2 voted for both node-1 and node-3 in term 3/);
});
