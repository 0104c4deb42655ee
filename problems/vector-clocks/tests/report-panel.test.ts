// The panel draws each node's final log as a lane and each message as a line from its send to
// its receive; a run with no final log has no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const log = (node: string, id: number, events: object[]): HistoryOp => ({
  id,
  client: "final",
  f: "log",
  output: events,
  type: "ok",
  startMs: 9000,
  endMs: 9010,
  attempts: [{ node, startMs: 9000, endMs: 9010, result: "ok" }],
});

const ops: HistoryOp[] = [
  log("node-0", 1, [{ kind: "send", clock: { "node-0": 1 }, peer: "node-1", message: 1 }]),
  log("node-1", 2, [
    { kind: "local", clock: { "node-1": 1 }, peer: "", message: 0 },
    { kind: "receive", clock: { "node-0": 1, "node-1": 2 }, peer: "node-0", message: 1 },
  ]),
];
const evidence = (list: HistoryOp[]) => ({
  history: { originMs: 0, ops: list },
  faults: { originMs: 0, timeline: [], windows: [] },
  nodes: ["node-0", "node-1", "node-2"],
});

test("events are dots at their place, messages lines from send to receive; no log, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data[0], [{ from: "node-0", k1: 1, to: "node-1", k2: 2 }]);
  assert.deepEqual(
    (data[1] as { node: string; k: number; kind: string }[]).map((d) => [d.node, d.k, d.kind]),
    [
      ["node-0", 1, "send"],
      ["node-1", 1, "local"],
      ["node-1", 2, "receive"],
    ],
  );
  assert.equal(panel.content(evidence([])), null);
});
