import { test } from "vitest";
import assert from "node:assert/strict";
import { checkOneLeaderPerTerm, checkOneVotePerTerm } from "../checks/election-safety.ts";
import { append, heartbeats, NODES, runOf, vote } from "./fixtures.ts";

test("one leader per term holds across successive terms", () => {
  const log = [
    ...heartbeats("node-0", NODES, 1, 0, 1000, 100),
    ...heartbeats("node-3", NODES, 2, 1000, 2000, 100),
  ];
  assert.equal(checkOneLeaderPerTerm(runOf({ messages: log })).status, "holds");
});

test("two nodes sending AppendEntries in one term is named, with both messages", () => {
  const log = [...heartbeats("node-0", NODES, 4, 0, 500, 100), append("node-2", "node-1", 4, 650)];
  const result = checkOneLeaderPerTerm(runOf({ messages: log }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /two leaders in term 4: node-0 and node-2/);
  assert.equal(result.excerpt?.length, 2);
});

test("a vote granted twice to the same candidate is fine; to two candidates is not", () => {
  assert.equal(
    checkOneVotePerTerm(
      runOf({
        messages: [vote("node-1", "node-2", 3, true, 0), vote("node-1", "node-2", 3, true, 10)],
      }),
    ).status,
    "holds",
  );
  const refused = [vote("node-1", "node-2", 3, true, 0), vote("node-3", "node-2", 3, false, 10)];
  assert.equal(checkOneVotePerTerm(runOf({ messages: refused })).status, "holds");
  const twice = [vote("node-1", "node-2", 3, true, 0), vote("node-3", "node-2", 3, true, 10)];
  const result = checkOneVotePerTerm(runOf({ messages: twice }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-2 voted for both node-1 and node-3 in term 3/);
});
