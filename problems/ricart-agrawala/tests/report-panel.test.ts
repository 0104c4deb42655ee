// The panel draws each entry as a bar from the grant the client saw to the release it sent;
// a run with no entry has no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const ops: HistoryOp[] = [
  {
    id: 0,
    client: "c1",
    f: "acquire",
    key: "node-1",
    value: 3,
    output: 7,
    type: "ok",
    startMs: 100,
    endMs: 200,
    attempts: [{ node: "node-1", startMs: 100, endMs: 200, result: "ok" }],
  },
  {
    id: 1,
    client: "c1",
    f: "release",
    key: "node-1",
    value: 3,
    type: "ok",
    startMs: 250,
    endMs: 260,
    attempts: [{ node: "node-1", startMs: 250, endMs: 260, result: "ok" }],
  },
  {
    id: 2,
    client: "c2",
    f: "acquire",
    key: "node-2",
    value: 1,
    type: "info",
    startMs: 100,
    endMs: null,
    attempts: [],
  },
];
const evidence = (list: HistoryOp[]) => ({
  history: { originMs: 0, ops: list },
  faults: { originMs: 0, timeline: [], windows: [] },
  nodes: ["node-0", "node-1", "node-2"],
});

test("entries are bars from the grant seen to the release sent; no entry, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { from: 0.2, to: 0.25, node: "node-1", label: "node-1: timestamp 7, c1 #3" },
  ]);
  assert.equal(panel.content(evidence(ops.slice(2))), null);
});
