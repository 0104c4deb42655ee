// The panel draws every ok read's count and the two broadcast counts; no read, no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const ops: HistoryOp[] = [
  { id: 0, client: "c0", f: "broadcast", value: 0, type: "ok", startMs: 100, endMs: 110 },
  { id: 1, client: "c1", f: "broadcast", value: 1, type: "info", startMs: 150, endMs: null },
  {
    id: 2,
    client: "c2",
    f: "read",
    output: [0, 1],
    type: "ok",
    startMs: 200,
    endMs: 210,
    attempts: [{ node: "node-1", startMs: 200, endMs: 210, result: "ok" }],
  },
];
const evidence = (list: HistoryOp[]) => ({
  history: { originMs: 0, ops: list },
  faults: { originMs: 0, timeline: [], windows: [] },
  nodes: ["node-0", "node-1", "node-2", "node-3", "node-4"],
});

test("reads and the two broadcast counts are drawn; no read, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { at: 0.21, count: 2, node: "node-1", label: "c2 read at node-1 → 2 values" },
  ]);
  assert.deepEqual(data.at(-2), [
    { at: 0.1, total: 1 },
    { at: 0.15, total: 2 },
  ]);
  assert.deepEqual(data.at(-3), [{ at: 0.11, total: 1 }]);
  assert.equal(panel.content(evidence(ops.slice(0, 2))), null);
});
