// The file report's embedded data: packing keeps every field the page reads, and the JSON
// put inside the page's <script> element cannot end it, whatever the nodes wrote.
import fc from "fast-check";
import { test } from "vitest";
import assert from "node:assert/strict";
import {
  readHistoryDoc,
  type DiagramMessage,
  type HistoryDoc,
} from "../../../shared/report/docs.ts";
import {
  jsonForScript,
  packHistory,
  packMessages,
  unpackHistory,
  unpackMessages,
} from "../../../shared/report/page-data.ts";

const ORIGIN = 1_796_198_218_610.3252;
const HOSTILE = `</script><img src=x onerror="alert(1)"><!-- \u2028`;

const history: HistoryDoc = {
  originMs: ORIGIN,
  ops: [
    {
      id: 0,
      client: "c0",
      f: "put",
      key: "k1",
      value: "x",
      output: null,
      type: "ok",
      startMs: ORIGIN + 1.5,
      endMs: ORIGIN + 250.125,
      attempts: [
        { node: "node-1", startMs: ORIGIN + 2, endMs: ORIGIN + 9, result: "not_leader", hint: "" },
        {
          node: "node-2",
          startMs: ORIGIN + 10,
          endMs: ORIGIN + 20,
          result: "not_leader",
          hint: HOSTILE,
        },
        {
          node: "node-0",
          startMs: ORIGIN + 21,
          endMs: ORIGIN + 30,
          result: "deadline",
          detail: "late",
        },
        {
          node: "node-3",
          startMs: ORIGIN + 31,
          endMs: ORIGIN + 40,
          result: "error",
          hint: "node-0",
          detail: "d",
        },
        { node: "node-0", startMs: ORIGIN + 41, endMs: ORIGIN + 250.125, result: "ok" },
      ],
    },
    {
      id: 1,
      client: "c1",
      f: "get",
      key: "k1",
      value: null,
      output: { value: HOSTILE, found: true },
      type: "info",
      startMs: ORIGIN + 300,
      endMs: null,
      attempts: [],
    },
  ],
};

const close = (a: number, b: number) => Math.abs(a - b) < 0.001;

test("a packed history unpacks to the same operations, attempts and hints included", () => {
  const back = unpackHistory(JSON.parse(jsonForScript(packHistory(history, 100))));
  assert.equal(back.ops.length, 2);
  for (const [i, op] of back.ops.entries()) {
    const want = history.ops[i]!;
    const { startMs, endMs, attempts, ...rest } = op;
    const { startMs: s0, endMs: e0, attempts: a0, ...want0 } = want;
    assert.deepEqual(rest, want0);
    assert.ok(close(startMs, s0));
    assert.ok(endMs === null ? e0 === null : close(endMs, e0 as number));
    assert.equal(attempts?.length, a0?.length);
    for (const [j, a] of (attempts ?? []).entries()) {
      const w = a0![j]!;
      assert.deepEqual(
        { ...a, startMs: 0, endMs: 0 },
        { ...w, startMs: 0, endMs: 0 },
        `attempt ${j} of op ${i}`,
      );
      assert.ok(close(a.startMs, w.startMs) && close(a.endMs, w.endMs));
    }
  }
});

test("a packed history keeps the first operations and counts the rest", () => {
  const packed = packHistory(history, 1);
  assert.equal(packed.ops.length, 1);
  assert.equal(packed.omitted, 1);
});

test("packed messages unpack by start time, with their fault and decoded fields", () => {
  const messages: DiagramMessage[] = [
    {
      from: "node-0",
      to: "node-1",
      method: "/raft.ConsensusNode/AppendEntries",
      startMs: ORIGIN + 20,
      endMs: ORIGIN + 25,
      request: { term: 3, leader_id: HOSTILE, entries_count: 0 },
      response: { term: 3, success: true },
    },
    {
      from: "client",
      to: "node-2",
      method: "/raft.RaftClient/ClientRequest",
      startMs: ORIGIN + 10,
      endMs: null,
      fault: "blackhole",
      request: { op: "GET", key: "k1" },
    },
    {
      from: "node-1",
      to: "node-0",
      method: "/raft.ConsensusNode/RequestVote",
      startMs: ORIGIN + 30,
      endMs: ORIGIN + 31,
    },
  ];
  const packed = packMessages(messages, ORIGIN, 2);
  assert.equal(packed.total, 3);
  const back = unpackMessages(JSON.parse(jsonForScript(packed)));
  assert.equal(back.length, 2, "the first two by start time");
  const [first, second] = back;
  assert.equal(first?.to, "node-2");
  assert.equal(first?.fault, "blackhole");
  assert.equal(first?.endMs, null);
  assert.deepEqual(first?.request, { op: "GET", key: "k1" });
  assert.equal(first?.response, undefined);
  assert.deepEqual(second?.request, messages[0]?.request);
  assert.deepEqual(second?.response, messages[0]?.response);
  assert.ok(close(second?.startMs ?? 0, ORIGIN + 20));
});

test("packing keeps the first messages by start time of any order, read once", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 8 }),
      (starts, max) => {
        const messages = starts.map((t, i): DiagramMessage => ({
          from: `node-${i}`,
          to: "node-0",
          method: "/m",
          startMs: ORIGIN + t,
          endMs: null,
        }));
        let passes = 0;
        const once: Iterable<DiagramMessage> = {
          *[Symbol.iterator]() {
            passes += 1;
            yield* messages;
          },
        };
        const packed = packMessages(once, ORIGIN, max);
        const expected = messages
          .map((m, i) => ({ m, i }))
          .sort((a, b) => a.m.startMs - b.m.startMs || a.i - b.i)
          .slice(0, max)
          .map(({ m }) => m.from);
        assert.equal(passes, 1);
        assert.equal(packed.total, starts.length);
        assert.deepEqual(
          unpackMessages(packed).map((m) => m.from),
          expected,
        );
      },
    ),
  );
});

test("the page's JSON has no '<' at all, and reads back unchanged", () => {
  const value = { reason: HOSTILE, nested: [HOSTILE, { [HOSTILE]: HOSTILE }] };
  const text = jsonForScript(value);
  assert.ok(!text.includes("<"), text);
  assert.deepEqual(JSON.parse(text), value);
});

test("a history naming the outcome `outcome` (the neutral record) reads as `type`", () => {
  const doc = readHistoryDoc({
    originMs: 0,
    ops: [{ id: 1, client: "c", f: "echo", outcome: "fail", startMs: 1, endMs: 2 }],
  });
  assert.equal(doc.ops[0]?.type, "fail");
  assert.ok(!("outcome" in (doc.ops[0] ?? {})));
});
