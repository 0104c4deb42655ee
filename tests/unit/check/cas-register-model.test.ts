// The cas-register model on hand-made histories: what is and is not linearizable.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import { casRegisterModel, checkOperations, ILLEGAL } from "../../../shared/check/index.ts";
import type {
  CasRegisterInput,
  CasRegisterOutput,
  Operation,
} from "../../../shared/check/index.ts";
import { registerHistory } from "./support/build.ts";

const verdict = (ops: Operation<CasRegisterInput, CasRegisterOutput>[]) =>
  checkOperations(casRegisterModel, ops).verdict;

describe("cas-register model", () => {
  test("step: reads, writes and compare-and-set from an absent register", () => {
    const step = casRegisterModel.step;
    assert.equal(step(null, { f: "read" }, null), null);
    assert.equal(step(null, { f: "read" }, 0), ILLEGAL);
    assert.equal(step(null, { f: "write", value: 4 }, undefined), 4);
    assert.equal(step(4, { f: "cas", from: 4, to: 1 }, true), 1);
    assert.equal(step(4, { f: "cas", from: 4, to: 1 }, false), ILLEGAL);
    assert.equal(step(3, { f: "cas", from: 4, to: 1 }, false), 3);
    assert.equal(step(3, { f: "cas", from: 4, to: 1 }, true), ILLEGAL);
    assert.equal(step(4, { f: "cas", from: 4, to: 1 }, undefined), 1);
    assert.equal(step(3, { f: "cas", from: 4, to: 1 }, undefined), 3);
    assert.equal(step(3, { f: "read" }, undefined), 3);
  });

  test("a sequential history that reads what was written is linearizable", () => {
    const h = registerHistory().read("a", null, 0, 1).write("a", 1, 2, 3).read("b", 1, 4, 5);
    h.cas("b", 1, 2, true, 6, 7).cas("a", 1, 3, false, 8, 9).read("a", 2, 10, 11);
    assert.equal(verdict(h.ops), "linearizable");
  });

  test("overlapping writes may take effect in either order", () => {
    const h = registerHistory().write("a", 1, 0, 10).write("b", 2, 0, 10);
    h.read("c", 2, 1, 4).read("c", 1, 5, 9);
    assert.equal(verdict(h.ops), "linearizable");
  });

  test("once both writes have returned, reads cannot see them swap back", () => {
    const h = registerHistory().write("a", 1, 0, 10).write("b", 2, 0, 10);
    h.read("c", 2, 11, 12).read("c", 1, 13, 14);
    assert.equal(verdict(h.ops), "not-linearizable");
  });

  test("a stale read after a completed overwrite is not linearizable, and says why", () => {
    const h = registerHistory().write("a", 3, 0, 1_000).write("b", 5, 2_000, 3_000);
    h.read("c", 3, 12_400, 12_600);
    const result = checkOperations(casRegisterModel, h.ops);
    assert.equal(result.verdict, "not-linearizable");
    assert.deepEqual(result.failure?.unplaceable, [2]);
    assert.deepEqual(result.failure?.longest, [0, 1]);
    assert.equal(result.failure?.stuckAtMs, 12_600);
    const why = result.failure!.explanation.join("\n");
    assert.match(why, /read → 3 by client c .*12\.400 s/);
    assert.match(
      why,
      /the only write of 3 had been overwritten by write 5 by client b .*ended at 3\.000 s, before the read began at 12\.400 s/,
    );
  });

  test("a read of the initial state after a completed write says it was overwritten", () => {
    const h = registerHistory().write("a", 7, 0, 10).read("b", null, 20, 30);
    const result = checkOperations(casRegisterModel, h.ops);
    assert.match(
      result.failure!.explanation.join("\n"),
      /saw the initial state absent, but it had been overwritten by write 7/,
    );
  });

  test("a failed compare is an observation: it must not have matched", () => {
    const ok = registerHistory().write("a", 1, 0, 1).cas("b", 2, 3, false, 2, 3).read("a", 1, 4, 5);
    assert.equal(verdict(ok.ops), "linearizable");
    const bad = registerHistory().write("a", 2, 0, 1).cas("b", 2, 3, false, 2, 3);
    assert.equal(verdict(bad.ops), "not-linearizable");
  });

  test("an info write may take effect at any later time, or never", () => {
    const later = registerHistory().write("a", 1, 0, 1, "info");
    later.read("b", null, 5, 6).read("b", 1, 100, 101).read("c", 1, 200, 201);
    assert.equal(verdict(later.ops), "linearizable");
    const never = registerHistory().write("a", 1, 0, null, "info").read("b", null, 50, 60);
    assert.equal(verdict(never.ops), "linearizable");
    const undone = registerHistory().write("a", 1, 0, null, "info");
    undone.read("b", 1, 5, 6).read("b", null, 7, 8);
    assert.equal(verdict(undone.ops), "not-linearizable");
  });

  test("a fail operation surely did not happen", () => {
    const h = registerHistory().write("a", 1, 0, 1, "fail").read("b", 1, 5, 6);
    const result = checkOperations(casRegisterModel, h.ops);
    assert.equal(result.verdict, "not-linearizable");
    assert.equal(result.ops, 1);
  });

  test("a read whose answer was lost constrains nothing", () => {
    const h = registerHistory().write("a", 1, 0, 1).readUnknown("b", 2, 3).read("c", 1, 4, 5);
    assert.equal(verdict(h.ops), "linearizable");
  });

  test("identical operations are not swapped when the later one must end first", () => {
    // The search tries identical operations in one canonical order only when one's
    // interval starts and ends no later than the other's; here b must come before a.
    const h = registerHistory().write("w", 3, 0, 1).cas("a", 3, 4, true, 2, 100);
    h.cas("b", 3, 4, true, 3, 4).write("w", 3, 5, 6).read("r", 4, 7, 8);
    assert.equal(verdict(h.ops), "linearizable");
    const twins = registerHistory().write("w", 3, 0, 1).cas("a", 3, 4, true, 2, 100);
    twins.cas("b", 3, 4, true, 3, 4).read("r", 4, 7, 8).read("r", 3, 9, 10);
    assert.equal(verdict(twins.ops), "not-linearizable");
  });

  test("operations with a key are checked per key", () => {
    const h = registerHistory();
    h.keyed("a", "x", { f: "write", value: 1 }, undefined, 0, 1);
    h.keyed("a", "y", { f: "write", value: 2 }, undefined, 2, 3);
    h.keyed("b", "x", { f: "read" }, 1, 4, 5);
    h.keyed("b", "y", { f: "read" }, 1, 6, 7);
    const result = checkOperations(casRegisterModel, h.ops);
    assert.equal(result.partitions, 2);
    assert.equal(result.verdict, "not-linearizable");
    assert.equal(result.failure?.key, "y");
    assert.match(result.failure!.explanation[0]!, /^Key "y" is not linearizable/);
  });

  test("describes operations and states in words", () => {
    assert.equal(casRegisterModel.describeOperation({ f: "read" }, null), "read → absent");
    assert.equal(
      casRegisterModel.describeOperation({ f: "cas", key: "x", from: 1, to: 2 }, false),
      "cas x 1→2 (compare failed)",
    );
    assert.equal(
      casRegisterModel.describeOperation({ f: "write", value: "v" }, undefined),
      'write "v"',
    );
    assert.equal(casRegisterModel.describeState(null), "absent");
  });
});
