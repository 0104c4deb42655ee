// The panel draws every put, delete and answered get; a run with no put has none.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const ops: HistoryOp[] = [
  { id: 0, client: "c0", f: "put", key: "k0", value: "c0-1", type: "ok", startMs: 100, endMs: 110 },
  { id: 1, client: "c1", f: "delete", key: "k0", type: "info", startMs: 150, endMs: null },
  {
    id: 2,
    client: "c2",
    f: "get",
    key: "k0",
    output: "c0-1",
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

test("puts, deletes and answered gets are drawn; no put, no panel", () => {
  const content = panel.content(evidence(ops));
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { at: 0.21, key: "k0", node: "node-1", label: 'c2 get k0 → "c0-1"' },
  ]);
  assert.deepEqual(data.at(-2), [{ at: 0.15, key: "k0", label: "c1 delete k0 (info)" }]);
  assert.equal(panel.content(evidence(ops.slice(1))), null);
});
