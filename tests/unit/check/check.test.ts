// The checker's entry point: bounds give unknown with a reason, bad input is refused, and
// a failure carries the evidence a learner needs.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import {
  casRegisterModel,
  checkOperations,
  InvalidHistoryError,
} from "../../../shared/check/index.ts";
import { registerHistory } from "./support/build.ts";

/** Many writes that may or may not have happened and a read of a value nobody wrote:
 * proving it not linearizable means trying every subset of the writes. */
function hardHistory(writes: number) {
  const h = registerHistory();
  for (let i = 0; i < writes; i++) h.write(`w${i}`, i, i, null, "info");
  for (let i = 0; i < writes; i++) h.read(`r${i}`, i, writes + 2 * i, writes + 2 * i + 1);
  return h.read("last", -1, 10 * writes, 10 * writes + 1);
}

describe("checkOperations", () => {
  test("an empty history is linearizable", () => {
    const result = checkOperations(casRegisterModel, []);
    assert.deepEqual([result.verdict, result.ops, result.partitions], ["linearizable", 0, 0]);
  });

  test("the time bound gives unknown, naming the bound", () => {
    let clockMs = 0;
    const now = () => (clockMs += 1_000);
    const result = checkOperations(casRegisterModel, hardHistory(24).ops, {
      timeoutMs: 5_000,
      now,
    });
    assert.equal(result.verdict, "unknown");
    assert.match(result.reason!, /^time bound of 5000 ms reached \(49 operations\)/);
  });

  test("the memo bound gives unknown, naming the bound", () => {
    const result = checkOperations(casRegisterModel, hardHistory(24).ops, {
      maxCacheEntries: 1_000,
    });
    assert.equal(result.verdict, "unknown");
    assert.match(result.reason!, /^memory bound of 1000 memo entries reached/);
  });

  test("the heap bound gives unknown, naming the bound", () => {
    const result = checkOperations(casRegisterModel, hardHistory(24).ops, { maxHeapBytes: 1 });
    assert.equal(result.verdict, "unknown");
    assert.match(result.reason!, /MiB of heap/);
  });

  test("a violation on another key is still found after a key hits the memo bound", () => {
    // Partitions are checked smallest first: the hard key (11 operations) comes first.
    const hard = hardHistory(5).ops.map((op) => ({ ...op, input: { ...op.input, key: "hard" } }));
    const easy = registerHistory().read("b", 2, 0, 1);
    for (let i = 0; i < 20; i++) easy.write("a", i, 2 + i, 2.5 + i);
    const ops = [
      ...hard,
      ...easy.ops.map((op) => ({ ...op, id: op.id + 100, input: { ...op.input, key: "easy" } })),
    ];
    const result = checkOperations(casRegisterModel, ops, { maxCacheEntries: 3 });
    assert.equal(result.verdict, "not-linearizable");
    assert.equal(result.failure?.key, "easy");
    const hardOnly = checkOperations(casRegisterModel, hard, { maxCacheEntries: 3 });
    assert.equal(hardOnly.verdict, "unknown");
  });

  test("a return before its call is refused", () => {
    const ops = registerHistory().write("a", 1, 10, 5).ops;
    assert.throws(() => checkOperations(casRegisterModel, ops), InvalidHistoryError);
  });

  test("an ok operation without a return is refused", () => {
    const ops = registerHistory().write("a", 1, 10, null, "ok").ops;
    assert.throws(() => checkOperations(casRegisterModel, ops), /needs a returnMs/);
  });

  test("a failure lists the longest legal order with the state after each step", () => {
    const h = registerHistory().write("a", 1, 0, 1).write("a", 2, 2, 3).read("b", 2, 4, 5);
    h.read("b", 1, 6, 7).write("c", 3, 6.5, 8);
    const failure = checkOperations(casRegisterModel, h.ops).failure!;
    assert.deepEqual(failure.longest, [0, 1, 2, 4]);
    assert.deepEqual(failure.longestStates, ["1", "2", "2", "3"]);
    assert.deepEqual(failure.unplaceable, [3]);
    assert.equal(failure.stateAfterLongest, "3");
    assert.equal(failure.stuckAtMs, 7);
    assert.equal(failure.why, failure.explanation.at(-1));
    assert.match(failure.why, /^read → 1 by client b \(#3, .*\) cannot be placed/);
  });

  test("other misfits under way are listed before the sentence that matters", () => {
    const h = registerHistory().write("a", 1, 0, 1).read("b", 2, 2, 3).read("c", 3, 2, 4);
    const failure = checkOperations(casRegisterModel, h.ops).failure!;
    assert.deepEqual(failure.unplaceable, [1, 2]);
    assert.match(
      failure.explanation[2]!,
      /^Operations under way at that point .*read → 3 by client c/,
    );
    assert.match(failure.why, /^read → 2 by client b .* cannot be placed/);
  });

  test("a caller's describeTime words the explanation", () => {
    const h = registerHistory().write("a", 1, 3, 4).read("b", 2, 5, 6);
    const result = checkOperations(casRegisterModel, h.ops, { describeTime: (l) => `line ${l}` });
    assert.match(result.failure!.explanation.join(" "), /line 5 – line 6/);
  });
});
