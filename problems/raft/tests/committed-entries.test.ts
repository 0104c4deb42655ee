// Committed entries survive (checks/committed-entries.ts): read from the prev_log_term and
// leader_commit that leaders send, with the Figure 8 case named for what it is.
import { test } from "vitest";
import assert from "node:assert/strict";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { checkCommittedEntriesSurvive } from "../checks/committed-entries.ts";
import { append, attempt, op, runOf } from "./fixtures.ts";

/** An AppendEntries from `from` in `term`: the term of its entry at `prev`, the commit index. */
function ae(
  from: string,
  to: string,
  term: number,
  atMs: number,
  f: { prev: number; prevTerm: number; entries?: number; commit: number; success?: boolean },
): MessageRecord {
  const m = append(from, to, term, atMs, {
    prev: f.prev,
    entries: f.entries ?? 0,
    success: f.success ?? true,
  });
  return {
    ...m,
    request: { ...m.request, prev_log_term: f.prevTerm, leader_commit: f.commit },
  };
}

/**
 * The Raft paper's Figure 8: node-1 (term 4) takes X at index 8; node-2 (term 5) takes Y
 * there alone; node-1 leads term 8, announces 8 committed with no entry of term 8, and
 * answers X's retry OK; node-2 leads term 11 and puts its term-5 entry at 8 on node-0.
 */
const figure8 = (): MessageRecord[] => [
  ae("node-1", "node-4", 4, 1000, { prev: 7, prevTerm: 3, entries: 1, commit: 7 }),
  ae("node-2", "node-3", 5, 2000, { prev: 7, prevTerm: 3, commit: 7 }),
  ae("node-1", "node-0", 8, 4000, { prev: 7, prevTerm: 3, entries: 1, commit: 7 }),
  ae("node-1", "node-0", 8, 4100, { prev: 8, prevTerm: 4, commit: 8 }),
  ae("node-2", "node-0", 11, 6000, { prev: 8, prevTerm: 5, commit: 7, success: false }),
  ae("node-2", "node-0", 11, 6100, { prev: 7, prevTerm: 3, entries: 1, commit: 7 }),
];

const x = () =>
  op({
    client: "run-x",
    sequence: 1,
    f: "append",
    key: "f8",
    value: "x.1;",
    attempts: [attempt("node-1", 990, 1800, "unavailable"), attempt("node-1", 4500, 4510, "ok")],
  });
const finalRead = (value: string) =>
  op({
    client: "run-final",
    f: "get",
    key: "f8",
    output: { value, found: true },
    attempts: [attempt("node-2", 9000, 9010, "ok")],
  });

test("an old-term entry committed by counting and then replaced is Figure 8, with the lost write", () => {
  const read = finalRead("y.1;");
  const result = checkCommittedEntriesSurvive(
    runOf({ messages: figure8(), history: [x(), read], finalReads: [read] }),
  );
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /node-1, leader of term 8, announced index 8 committed \(leader_commit 8 at 4\.1 s\) while its entry there was of term 4, with no entry of term 8 at or below it; then node-2, leader of term 11, held node-2's entry of term 5 at index 8 and replaced the committed one on node-0 \(6\.1 s\)\./,
  );
  assert.match(
    result.message,
    /The write append f8 "x\.1;" \(run-x #1\), which went into index 8 as node-1's entry of term 4, was acknowledged OK by node-1 at 4\.5 s, and the final read of f8 lacks it\./,
  );
  assert.match(result.message, /§5\.4\.2/);
  assert.equal(result.excerpt?.length, 4);
});

test("a write a later PUT may have erased is not named as lost", () => {
  const put = op({
    client: "c9",
    f: "put",
    key: "f8",
    value: "z",
    attempts: [attempt("node-2", 7000, 7010, "ok")],
  });
  const read = finalRead("z");
  const result = checkCommittedEntriesSurvive(
    runOf({ messages: figure8(), history: [x(), put, read], finalReads: [read] }),
  );
  assert.equal(result.status, "violated");
  assert.doesNotMatch(result.message, /The write/);
});

test("later leaders holding the committed entry: holds", () => {
  const log = [
    ae("node-1", "node-0", 8, 4100, { prev: 8, prevTerm: 8, commit: 8 }),
    ae("node-2", "node-0", 11, 6000, { prev: 8, prevTerm: 8, commit: 8 }),
  ];
  assert.equal(checkCommittedEntriesSurvive(runOf({ messages: log })).status, "holds");
});

test("an entry of the leader's own term committed and later replaced breaks Leader Completeness", () => {
  const log = [
    ae("node-1", "node-0", 8, 4100, { prev: 8, prevTerm: 8, commit: 8 }),
    ae("node-2", "node-0", 11, 6000, { prev: 8, prevTerm: 5, commit: 7 }),
  ];
  const result = checkCommittedEntriesSurvive(runOf({ messages: log }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /Leader Completeness, §5\.4/);
  assert.doesNotMatch(result.message, /§5\.4\.2/);
});

test("what a leader sends after a higher term appeared commits nothing", () => {
  // node-1's commit of 8 comes after node-2 already led term 11: a stale sender.
  const log = [
    ae("node-2", "node-0", 11, 3000, { prev: 7, prevTerm: 3, commit: 7 }),
    ae("node-1", "node-0", 8, 4100, { prev: 8, prevTerm: 4, commit: 8 }),
    ae("node-2", "node-0", 11, 6000, { prev: 8, prevTerm: 5, commit: 7 }),
  ];
  assert.equal(checkCommittedEntriesSurvive(runOf({ messages: log })).status, "inconclusive");
});

test("no commit announced, or no later leader at that index: no evidence", () => {
  assert.equal(checkCommittedEntriesSurvive(runOf({ messages: [] })).status, "inconclusive");
  const log = [ae("node-1", "node-0", 8, 4100, { prev: 8, prevTerm: 4, commit: 0 })];
  assert.equal(checkCommittedEntriesSurvive(runOf({ messages: log })).status, "inconclusive");
});
