// Jepsen's text log and EDN histories, read the way the corpus needs.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import {
  readEdn,
  Keyword,
  EdnSyntaxError,
} from "../../../shared/check/linearizability/import/edn.ts";
import { parseJepsenLog } from "../../../shared/check/linearizability/import/jepsen-log.ts";
import {
  parseJepsenEdnCasRegister,
  parseJepsenEdnKv,
} from "../../../shared/check/linearizability/import/jepsen-edn.ts";
import { HistoryParseError } from "../../../shared/check/linearizability/import/parse-error.ts";

const log = (lines: string[]) => lines.map((l) => `INFO  jepsen.util - ${l}`).join("\n");

describe("jepsen-log (etcd)", () => {
  test("pairs invocations with completions, tabs or spaces, times are line numbers", () => {
    const ops = parseJepsenLog(
      "t.log",
      log([
        "0\t:invoke\t:write\t4",
        "1   :invoke :read   nil",
        "0\t:ok\t:write\t4",
        "1\t:ok\t:read\t4",
      ]),
    );
    assert.deepEqual(ops, [
      {
        id: 0,
        clientId: "0",
        input: { f: "write", value: 4 },
        output: undefined,
        callMs: 1,
        returnMs: 3,
        outcome: "ok",
      },
      {
        id: 1,
        clientId: "1",
        input: { f: "read" },
        output: 4,
        callMs: 2,
        returnMs: 4,
        outcome: "ok",
      },
    ]);
  });

  test(":fail :cas is a compare that failed; :fail :read :timed-out an unknown answer", () => {
    const ops = parseJepsenLog(
      "t.log",
      log([
        "0\t:invoke\t:cas\t[1 2]",
        "0\t:fail\t:cas\t[1 2]",
        "1\t:invoke\t:read\tnil",
        "1\t:fail\t:read\t:timed-out",
      ]),
    );
    assert.deepEqual(
      ops.map((op) => [op.input, op.output, op.outcome]),
      [
        [{ f: "cas", from: 1, to: 2 }, false, "ok"],
        [{ f: "read" }, undefined, "info"],
      ],
    );
  });

  test("timed-out and never-completed operations stay open", () => {
    const head = log([
      "0\t:invoke\t:write\t1",
      "0\t:info\t:write\t:timed-out",
      "1\t:invoke\t:cas\t[0 1]",
    ]);
    const tail = log(["2\t:invoke\t:read\tnil", "2\t:ok\t:read\tnil"]);
    const ops = parseJepsenLog("t.log", `${head}\n\n${tail}\n`);
    assert.deepEqual(
      ops.map((op) => [op.outcome, op.output]),
      [
        ["info", undefined],
        ["info", undefined],
        ["ok", null],
      ],
    );
  });

  test("an unreadable line is an error naming the file and line", () => {
    const text = log(["0\t:invoke\t:write\t1", "0\t:ok\t:write\tone"]);
    assert.throws(
      () => parseJepsenLog("bad.log", text),
      (err: unknown) => {
        assert.ok(err instanceof HistoryParseError);
        assert.equal(err.line, 2);
        assert.match(err.message, /^bad\.log:2: cannot read :ok :write one/);
        return true;
      },
    );
    assert.throws(
      () => parseJepsenLog("x.log", "hello"),
      /^HistoryParseError: x\.log:1: not a jepsen\.util history line|x\.log:1: not a jepsen/,
    );
    assert.throws(
      () => parseJepsenLog("x.log", log(["3\t:ok\t:read\tnil"])),
      /x\.log:1: process 3 completes an operation it never invoked/,
    );
  });
});

describe("EDN reader", () => {
  test("reads maps, vectors, keywords, strings with escapes, numbers and nil", () => {
    const v = readEdn('{:process 3, :type :ok, :value ["a\\"b" -2 1.5 nil true], :k :x-y}');
    assert.ok(v !== null && typeof v === "object" && "edn" in v);
    assert.deepEqual(v.entries.get("process"), 3);
    assert.deepEqual(v.entries.get("type"), new Keyword("ok"));
    assert.deepEqual(v.entries.get("value"), ['a"b', -2, 1.5, null, true]);
  });

  test("reports where the text is wrong", () => {
    assert.throws(() => readEdn('{:a "x}'), EdnSyntaxError);
    assert.throws(() => readEdn("{:a 1} 2"), /unexpected text after the value/);
    assert.throws(() => readEdn("{1 2}"), /map keys must be keywords/);
  });
});

describe("jepsen-edn", () => {
  test("kv: get, put and append per key; nil reads as an absent key", () => {
    const text = [
      '{:process 0, :type :invoke, :f :put, :key "k", :value "a"}',
      '{:process 1, :type :invoke, :f :get, :key "k", :value nil}',
      "{:process :nemesis, :type :info, :f :start, :value nil}",
      '{:process 0, :type :ok, :f :put, :key "k", :value "a"}',
      '{:process 1, :type :ok, :f :get, :key "k", :value nil}',
      '{:process 2, :type :invoke, :f :append, :key 7, :value "b"}',
      '{:process 2, :type :fail, :f :append, :key 7, :value "b"}',
    ].join("\n");
    const ops = parseJepsenEdnKv("t.edn", text);
    assert.deepEqual(
      ops.map((op) => [op.input, op.output, op.outcome, op.callMs, op.returnMs]),
      [
        [{ f: "put", key: "k", value: "a" }, undefined, "ok", 1, 4],
        [{ f: "get", key: "k" }, { value: "", found: false }, "ok", 2, 5],
        [{ f: "append", key: "7", value: "b" }, undefined, "fail", 6, 7],
      ],
    );
  });

  test("cas-register: read, write, cas; a failed cas did not happen", () => {
    const text = [
      "{:process 0, :type :invoke, :f :cas, :value [1 2]}",
      "{:process 0, :type :fail, :f :cas, :value [1 2]}",
      "{:process 0, :type :invoke, :f :read, :value nil}",
      "{:process 0, :type :ok, :f :read, :value 3}",
    ].join("\n");
    const ops = parseJepsenEdnCasRegister("t.edn", text);
    assert.deepEqual(
      ops.map((op) => [op.input, op.output, op.outcome]),
      [
        [{ f: "cas", from: 1, to: 2 }, undefined, "fail"],
        [{ f: "read" }, 3, "ok"],
      ],
    );
  });

  test("errors name the file and line", () => {
    assert.throws(
      () => parseJepsenEdnKv("t.edn", "\n{:process 0, :type :invoke, :f :get}"),
      /t\.edn:2: a kv operation needs a :key/,
    );
    assert.throws(() => parseJepsenEdnKv("t.edn", "{:process 0, :type :invoke"), /t\.edn:1: EDN: /);
    assert.throws(
      () => parseJepsenEdnKv("t.edn", '{:process 0, :type :invoke, :f :delete, :key "k"}'),
      /the kv model has no :delete/,
    );
  });
});
