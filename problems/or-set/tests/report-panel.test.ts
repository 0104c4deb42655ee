// The panel draws every add, remove and element a read showed; a run with no add has none.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const ops: HistoryOp[] = [
  { id: 0, client: "c0", f: "add", key: "a", type: "ok", startMs: 100, endMs: 110 },
  { id: 1, client: "c1", f: "remove", key: "a", type: "info", startMs: 150, endMs: null },
  {
    id: 2,
    client: "c2",
    f: "read",
    output: ["a", "b"],
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

test("adds, removes and shown elements are drawn; no add, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { at: 0.21, element: "a", node: "node-1" },
    { at: 0.21, element: "b", node: "node-1" },
  ]);
  assert.deepEqual(data.at(-2), [{ at: 0.15, element: "a", label: "c1 remove a (info)" }]);
  assert.equal(panel.content(evidence(ops.slice(2))), null);
});
