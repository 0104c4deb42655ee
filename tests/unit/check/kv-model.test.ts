// The kv model on hand-made histories, including the Raft store's `found`.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import { checkOperations, ILLEGAL, kvModel } from "../../../shared/check/index.ts";
import type { KvInput, KvOutput, Operation } from "../../../shared/check/index.ts";
import { kvHistory } from "./support/build.ts";

const verdict = (ops: Operation<KvInput, KvOutput>[]) => checkOperations(kvModel, ops).verdict;

describe("kv model", () => {
  test("step: absent reads as empty, put replaces, append extends", () => {
    const s1 = kvModel.step(null, { f: "append", key: "k", value: "a" }, undefined);
    assert.notEqual(s1, ILLEGAL);
    const s2 = kvModel.step(s1 as never, { f: "append", key: "k", value: "b" }, undefined);
    assert.equal(kvModel.step(s2 as never, { f: "get", key: "k" }, { value: "ab" }), s2);
    assert.equal(kvModel.step(null, { f: "get", key: "k" }, { value: "" }), null);
    assert.equal(kvModel.step(null, { f: "get", key: "k" }, { value: "x" }), ILLEGAL);
    const put = kvModel.step(s2 as never, { f: "put", key: "k", value: "z" }, undefined);
    assert.equal(kvModel.describeState(put as never), '"z"');
  });

  test("states reached by different appends compare and hash by value", () => {
    const a = kvModel.step(null, { f: "append", key: "k", value: "xy" }, undefined) as never;
    const b1 = kvModel.step(null, { f: "append", key: "k", value: "x" }, undefined) as never;
    const b = kvModel.step(b1, { f: "append", key: "k", value: "y" }, undefined) as never;
    assert.ok(kvModel.equal!(a, b));
    assert.equal(kvModel.hash!(a), kvModel.hash!(b));
    const put = kvModel.step(null, { f: "put", key: "k", value: "xy" }, undefined) as never;
    assert.ok(kvModel.equal!(a, put));
  });

  test("`found` tells an absent key from an empty value, when the answer carries it", () => {
    assert.equal(verdict(kvHistory().get("a", "k", "", 0, 1, false).ops), "linearizable");
    assert.equal(verdict(kvHistory().get("a", "k", "", 0, 1, true).ops), "not-linearizable");
    const emptyPut = kvHistory().put("a", "k", "", 0, 1).get("b", "k", "", 2, 3, false);
    assert.equal(verdict(emptyPut.ops), "not-linearizable");
    const plain = kvHistory().put("a", "k", "", 0, 1).get("b", "k", "", 2, 3);
    assert.equal(verdict(plain.ops), "linearizable");
  });

  test("concurrent appends may land in either order, but the same order for every reader", () => {
    const h = kvHistory().append("a", "k", "1", 0, 10).append("b", "k", "2", 0, 10);
    h.get("c", "k", "21", 11, 12).get("d", "k", "21", 13, 14);
    assert.equal(verdict(h.ops), "linearizable");
    const split = kvHistory().append("a", "k", "1", 0, 10).append("b", "k", "2", 0, 10);
    split.get("c", "k", "21", 11, 12).get("d", "k", "12", 13, 14);
    assert.equal(verdict(split.ops), "not-linearizable");
  });

  test("a duplicated append is not linearizable", () => {
    const h = kvHistory().append("a", "k", "x", 0, 1).get("b", "k", "xx", 2, 3);
    assert.equal(verdict(h.ops), "not-linearizable");
  });

  test("a lost put is not linearizable", () => {
    const h = kvHistory()
      .put("a", "k", "1", 0, 1)
      .put("a", "k", "2", 2, 3)
      .get("b", "k", "1", 4, 5);
    const result = checkOperations(kvModel, h.ops);
    assert.equal(result.verdict, "not-linearizable");
    assert.match(
      result.failure!.explanation.join(" "),
      /the only write of "1" had been overwritten by put k "2"/,
    );
  });

  test("keys are checked separately and the failing key is named", () => {
    const h = kvHistory().put("a", "x", "1", 0, 1).put("a", "y", "1", 0, 1);
    h.get("b", "x", "1", 2, 3).get("b", "y", "2", 2, 3);
    const result = checkOperations(kvModel, h.ops);
    assert.equal(result.partitions, 2);
    assert.equal(result.failure?.key, "y");
    assert.deepEqual(
      result.failure?.ops.map((op) => op.id),
      [1, 3],
    );
    assert.deepEqual(result.failure?.opText, ['put y "1"', 'get y → "2"']);
  });

  test("with splitting turned off, the whole map is one state and verdicts agree", () => {
    const ok = kvHistory().put("a", "x", "1", 0, 10).append("b", "y", "2", 0, 10);
    ok.get("c", "y", "2", 5, 6).get("c", "x", "", 7, 8).get("d", "x", "1", 11, 12);
    const bad = kvHistory().put("a", "x", "1", 0, 1).get("b", "y", "1", 2, 3);
    for (const [h, expected] of [
      [ok, "linearizable"],
      [bad, "not-linearizable"],
    ] as const) {
      const whole = checkOperations(kvModel, h.ops, { partition: false });
      assert.equal(whole.verdict, expected);
      assert.equal(whole.partitions, 1);
      assert.equal(checkOperations(kvModel, h.ops).verdict, expected);
    }
    const failure = checkOperations(kvModel, bad.ops, { partition: false }).failure!;
    assert.equal(failure.stateAfterLongest, '{x: "1", y: absent}');
  });

  test("open writes that no get saw are left out of the search", () => {
    const h = kvHistory();
    for (let i = 0; i < 16; i++) {
      h.append(`lost${i}`, "k", `[lost ${i}]`, 10 * i, null, "info");
      h.append("a", "k", `[${i}]`, 10 * i + 1, 10 * i + 2);
      const seen = Array.from({ length: i + 1 }, (_, j) => `[${j}]`).join("");
      h.get("b", "k", seen, 10 * i + 3, 10 * i + 4);
    }
    h.put("late", "k", "[seen]", 200, null, "info").get("b", "k", "[seen]", 300, 301);
    const flags = kvModel.unobserved!(h.ops);
    assert.deepEqual(
      h.ops.filter((_, i) => flags[i]).map((op) => op.clientId),
      Array.from({ length: 16 }, (_, i) => `lost${i}`),
    );
    // Placing 16 lost appends everywhere in call order takes thousands of memo entries.
    const result = checkOperations(kvModel, h.ops);
    assert.equal(result.verdict, "linearizable");
    assert.ok(result.memoEntries <= h.ops.length, `${result.memoEntries} memo entries`);
  });

  test("an info get constrains nothing; an info put may land later", () => {
    const h = kvHistory()
      .put("a", "k", "1", 0, null, "info")
      .get("b", "k", "", 5, 6)
      .get("b", "k", "1", 7, 8);
    assert.equal(verdict(h.ops), "linearizable");
  });
});
