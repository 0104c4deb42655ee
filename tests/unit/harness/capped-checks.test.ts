// Checks stay sound when messages or operations were left out: Raft's own checks, read
// through the harness's wrapper, answer inconclusive where they would hold on partial
// evidence, keep a violation, and a check that weighs the drops itself is left alone.
import assert from "node:assert/strict";
import { test } from "vitest";
import { checkKept, soundUnderCaps } from "../../../harness/capped-checks.ts";
import type { Check } from "../../../harness/problem.ts";
import { raftChecks } from "../../../problems/raft/checks.ts";
import type { ClientOp } from "../../../problems/raft/checks/history.ts";
import { append, runOf, vote } from "../../../problems/raft/tests/fixtures.ts";

const OPTS = { searchTimeoutMs: 1000 };
const named = (name: string) =>
  soundUnderCaps(raftChecks.find((c) => c.name === name) as Check<ClientOp>);

const traffic = [
  vote("node-0", "node-1", 1, true, 5),
  append("node-0", "node-1", 1, 10),
  append("node-0", "node-2", 1, 11),
];

test("a check that read messages cannot hold while some are missing", () => {
  const leaders = named("one leader per term");
  assert.equal(leaders.run(runOf({ messages: traffic }), OPTS).status, "holds");
  const partial = leaders.run(
    runOf({ messages: traffic, messagesDropped: 12345, messagesBeyondCap: 12345 }),
    OPTS,
  );
  assert.equal(partial.status, "inconclusive");
  assert.equal(partial.property, "one leader per term");
  assert.match(partial.message, /^held on what was kept, but 12,345 messages were not kept/);
});

test("a violation seen in what was kept stays a violation", () => {
  const twoLeaders = [...traffic, append("node-1", "node-2", 1, 20)];
  const result = named("one leader per term").run(
    runOf({ messages: twoLeaders, messagesDropped: 7 }),
    OPTS,
  );
  assert.equal(result.status, "violated");
});

test("a check that reads the drop count has weighed it; one that reads no messages is untouched", () => {
  const logMatching = named("log matching");
  const replicated = [
    append("node-0", "node-1", 1, 10, { prev: 0, entries: 2, success: true }),
    append("node-0", "node-1", 1, 20, { prev: 2, entries: 1, success: true }),
  ];
  const run = runOf({ messages: replicated, messagesDropped: 40 });
  assert.equal(logMatching.run(run, OPTS).status, "holds");
  const onHistory: Check = {
    name: "history only",
    required: true,
    run: ({ history }) => ({
      property: "history only",
      status: "holds",
      message: `${history.length} ops`,
    }),
  };
  assert.equal(soundUnderCaps(onHistory).run(run, OPTS).status, "holds");
  const withOpsMissing = runOf({ historyDropped: 3 });
  const result = soundUnderCaps(onHistory).run(withOpsMissing, OPTS);
  assert.equal(result.status, "inconclusive");
  assert.match(result.message, /3 client operations were not kept/);
});

test("spreading the record counts as reading all of it", () => {
  const spreads: Check = {
    name: "spreads",
    required: false,
    run: (run) => {
      const copy = { ...run };
      return { property: "spreads", status: "holds", message: String(copy.messages.length) };
    },
  };
  const result = soundUnderCaps(spreads).run(
    runOf({ messages: traffic, messagesDropped: 1 }),
    OPTS,
  );
  // It read messagesDropped too (a spread reads every field): its author had it in hand.
  assert.equal(result.status, "holds");
});

test("what was kept is said in the report's properties, never as a violation", () => {
  const all = checkKept(runOf({ messages: traffic }));
  assert.equal(all.status, "holds");
  assert.equal(all.message, "every message (3) and client operation (0) was kept");
  const capped = checkKept(
    runOf({
      messages: traffic,
      messagesDropped: 12400,
      messagesBeyondCap: 12345,
      historyDropped: 2,
    }),
  );
  assert.equal(capped.status, "inconclusive");
  assert.equal(
    capped.message,
    "12,345 messages beyond the cap (100,000 messages or 32 MiB) were not kept; the agents' bounded logs dropped 55 messages; 2 client operations beyond the cap (50,000) were not kept",
  );
});
