// The project's JSON history format: what the scenarios write and the CLI reads.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import {
  formatHistoryJson,
  parseHistoryJson,
} from "../../../shared/check/linearizability/import/history-json.ts";
import { HistoryParseError } from "../../../shared/check/linearizability/import/parse-error.ts";
import { kvHistory, registerHistory } from "./support/build.ts";

const file = (model: string, ops: string[]) =>
  `{"format": "clusterjudge-history/v1", "model": "${model}", "ops": [\n${ops.join(",\n")}\n]}`;

describe("clusterjudge-history/v1", () => {
  test("reads kv operations, with get's output and open info operations", () => {
    const history = parseHistoryJson(
      "h.json",
      file("kv", [
        '{"id": 0, "client": "c0", "f": "put", "key": "k1", "value": "x", "type": "ok", "startMs": 1, "endMs": 2}',
        '{"id": 1, "client": "c1", "f": "get", "key": "k1", "value": null, "output": {"value": "x", "found": true}, "type": "ok", "startMs": 3, "endMs": 4}',
        '{"id": 2, "client": "c1", "f": "append", "key": "k1", "value": "y", "output": null, "type": "info", "startMs": 5, "endMs": null}',
      ]),
    );
    assert.equal(history.model, "kv");
    assert.deepEqual(history.ops[1], {
      id: 1,
      clientId: "c1",
      input: { f: "get", key: "k1" },
      output: { value: "x", found: true },
      callMs: 3,
      returnMs: 4,
      outcome: "ok",
    });
    assert.deepEqual([history.ops[2]!.outcome, history.ops[2]!.returnMs], ["info", null]);
  });

  test("reads cas-register operations: null reads absent, cas false failed its compare", () => {
    const history = parseHistoryJson(
      "h.json",
      file("cas-register", [
        '{"id": 0, "client": "c0", "f": "read", "value": null, "output": null, "type": "ok", "startMs": 0, "endMs": 1}',
        '{"id": 1, "client": "c0", "f": "cas", "value": [1, 2], "output": false, "type": "ok", "startMs": 2, "endMs": 3}',
        '{"id": 2, "client": "c0", "f": "cas", "key": "x", "value": [1, 2], "type": "ok", "startMs": 4, "endMs": 5}',
      ]),
    );
    assert.deepEqual(
      history.ops.map((op) => [op.input, op.output]),
      [
        [{ f: "read" }, null],
        [{ f: "cas", from: 1, to: 2 }, false],
        [{ f: "cas", key: "x", from: 1, to: 2 }, true],
      ],
    );
  });

  test("writing then reading gives the same operations", () => {
    const kv = kvHistory()
      .put("a", "k", "v", 0, 1)
      .get("b", "k", "v", 2, 3, true)
      .append("c", "k", "w", 4, null, "info");
    assert.deepEqual(parseHistoryJson("x", formatHistoryJson("kv", kv.ops)).ops, kv.ops);
    const reg = registerHistory()
      .read("a", null, 0, 1)
      .write("b", 5, 2, 3)
      .cas("c", 5, 6, false, 4, 5)
      .readUnknown("d", 6, 7);
    assert.deepEqual(
      parseHistoryJson("x", formatHistoryJson("cas-register", reg.ops)).ops,
      reg.ops,
    );
  });

  test("an invalid operation is reported with its index and line", () => {
    const text = file("kv", [
      '{"id": 0, "client": "c0", "f": "put", "key": "k", "value": "x", "type": "ok", "startMs": 1, "endMs": 2}',
      '{"id": 1, "client": "c0", "f": "put", "key": "k", "value": 3, "type": "ok", "startMs": 1, "endMs": 2}',
    ]);
    assert.throws(
      () => parseHistoryJson("h.json", text),
      (err: unknown) => {
        assert.ok(err instanceof HistoryParseError);
        assert.deepEqual([err.line, err.opIndex], [3, 1]);
        assert.match(err.message, /^h\.json:3: op 1: value: /);
        return true;
      },
    );
  });

  test("timing and outcome rules are checked", () => {
    const one = (op: string) => () => parseHistoryJson("h.json", file("kv", [op]));
    assert.throws(
      one(
        '{"id": 0, "client": "c", "f": "put", "key": "k", "value": "x", "type": "ok", "startMs": 5, "endMs": null}',
      ),
      /op 0: an ok operation needs an endMs/,
    );
    assert.throws(
      one(
        '{"id": 0, "client": "c", "f": "put", "key": "k", "value": "x", "type": "ok", "startMs": 5, "endMs": 4}',
      ),
      /endMs is before startMs/,
    );
    assert.throws(
      one(
        '{"id": 0, "client": "c", "f": "get", "key": "k", "type": "ok", "startMs": 5, "endMs": 6}',
      ),
      /an ok get needs an output/,
    );
    assert.throws(
      one('{"id": 0, "client": "c", "f": "read", "type": "ok", "startMs": 5, "endMs": 6}'),
      /f: /,
    );
  });

  test("duplicate ids, a wrong format tag and broken JSON are refused", () => {
    const op =
      '{"id": 0, "client": "c", "f": "put", "key": "k", "value": "x", "type": "ok", "startMs": 1, "endMs": 2}';
    assert.throws(
      () => parseHistoryJson("h.json", file("kv", [op, op])),
      /h\.json:3: op 1: duplicate id 0/,
    );
    assert.throws(
      () => parseHistoryJson("h.json", '{"format": "other", "model": "kv", "ops": []}'),
      /h\.json:1: format: /,
    );
    assert.throws(
      () =>
        parseHistoryJson(
          "h.json",
          '{"format": "clusterjudge-history/v1",\n "model": "kv",\n "ops": [,]}',
        ),
      /h\.json:3: invalid JSON/,
    );
  });
});
