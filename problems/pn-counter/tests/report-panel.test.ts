// The panel draws every ok read and the sum of the acknowledged adds, decrements included;
// a run with no read has no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const ops: HistoryOp[] = [
  { id: 0, client: "c0", f: "add", value: 3, type: "ok", startMs: 100, endMs: 110, attempts: [] },
  { id: 1, client: "c1", f: "add", value: -7, type: "ok", startMs: 120, endMs: 150, attempts: [] },
  {
    id: 2,
    client: "c1",
    f: "add",
    value: 4,
    type: "info",
    startMs: 160,
    endMs: null,
    attempts: [],
  },
  {
    id: 3,
    client: "c2",
    f: "read",
    output: -4,
    type: "ok",
    startMs: 200,
    endMs: 210,
    attempts: [{ node: "node-1", startMs: 200, endMs: 210, result: "ok" }],
  },
];
const evidence = (list: HistoryOp[]) => ({
  history: { originMs: 0, ops: list },
  faults: { originMs: 0, timeline: [], windows: [] },
  nodes: ["node-0", "node-1", "node-2"],
});

test("reads and the acknowledged sum are drawn; no read, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { at: 0.21, value: -4, node: "node-1", label: "c2 read at node-1 → -4" },
  ]);
  assert.deepEqual(data.at(-2), [
    { at: 0.11, total: 3 },
    { at: 0.15, total: -4 },
  ]);
  assert.equal(panel.content(evidence(ops.slice(0, 3))), null);
});
