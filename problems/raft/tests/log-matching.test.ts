import { test } from "vitest";
import assert from "node:assert/strict";
import { checkLogMatching } from "../checks/log-matching.ts";
import { append, runOf } from "./fixtures.ts";

test("a follower accepting entries after those it was sent holds", () => {
  const log = [
    append("node-0", "node-1", 1, 0, { prev: 0, entries: 3, success: true }),
    append("node-0", "node-1", 1, 100, { prev: 3, entries: 2, success: true }),
    append("node-0", "node-1", 1, 200, { prev: 5, entries: 0, success: true }),
  ];
  assert.equal(checkLogMatching(runOf({ messages: log })).status, "holds");
});

test("refusing an AppendEntries that does not fit is always fine, and no evidence", () => {
  const log = [append("node-0", "node-1", 2, 0, { prev: 40, entries: 1, success: false })];
  assert.equal(checkLogMatching(runOf({ messages: log })).status, "inconclusive");
  assert.equal(checkLogMatching(runOf({ messages: [] })).status, "inconclusive");
});

test("accepting entries after an index the node was never sent is a violation, with both messages", () => {
  const log = [
    append("node-0", "node-1", 1, 0, { prev: 0, entries: 3, success: true }),
    append("node-2", "node-1", 2, 500, { prev: 9, entries: 1, success: true }),
  ];
  const result = checkLogMatching(runOf({ messages: log }));
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /node-1 answered success to AppendEntries from node-2 \(term 2\) that follows index 9, but no message had brought it an entry past index 3/,
  );
  assert.equal(result.excerpt?.length, 2);
});

test("entries a node sent as leader count as its own", () => {
  const log = [
    append("node-1", "node-0", 1, 0, { prev: 0, entries: 7, success: true }),
    // node-0 got entries up to 7 from node-1 as leader; later node-2 (which has them) leads.
    append("node-2", "node-1", 2, 300, { prev: 7, entries: 0, success: true }),
  ];
  assert.equal(checkLogMatching(runOf({ messages: log })).status, "holds");
});

test("an AppendEntries still in flight when the answer left counts; one sent after does not", () => {
  const inFlight = append("node-0", "node-1", 1, 10, { prev: 0, entries: 5, success: true });
  inFlight.endMs = 900;
  const claim = append("node-0", "node-1", 1, 20, { prev: 5, entries: 0, success: true });
  assert.equal(checkLogMatching(runOf({ messages: [inFlight, claim] })).status, "holds");
  const later = append("node-0", "node-1", 1, 50, { prev: 0, entries: 5, success: true });
  assert.equal(checkLogMatching(runOf({ messages: [claim, later] })).status, "violated");
});

test("a message's own entries do not justify its own prev_log_index", () => {
  const log = [append("node-0", "node-1", 1, 0, { prev: 4, entries: 10, success: true })];
  assert.equal(checkLogMatching(runOf({ messages: log })).status, "violated");
});

test("with old messages dropped from the agents' logs it cannot tell, and says so", () => {
  const log = [append("node-0", "node-1", 1, 0, { prev: 4, entries: 0, success: true })];
  const result = checkLogMatching(runOf({ messages: log, messagesDropped: 12 }));
  assert.equal(result.status, "inconclusive");
  assert.match(result.message, /dropped 12 old messages/);
});

test("an AppendEntries that was not decoded could have carried anything", () => {
  const unknown = append("node-0", "node-1", 1, 0);
  delete unknown.request;
  const claim = append("node-0", "node-1", 1, 100, { prev: 30, entries: 0, success: true });
  assert.equal(checkLogMatching(runOf({ messages: [unknown, claim] })).status, "holds");
});
