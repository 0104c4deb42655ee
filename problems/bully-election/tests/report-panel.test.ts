// The panel draws every answered poll in its node's row, coloured by whom it named; a run
// with no answered poll has no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const answered = (id: number, node: string, output: number | null, at: number): HistoryOp => ({
  id,
  client: "c0",
  f: "coordinator",
  output,
  type: "ok",
  startMs: at - 5,
  endMs: at,
  attempts: [{ node, startMs: at - 5, endMs: at, result: "ok" }],
});
const unanswered: HistoryOp = {
  id: 9,
  client: "c1",
  f: "coordinator",
  type: "info",
  startMs: 100,
  endMs: null,
  attempts: [{ node: "node-4", startMs: 100, endMs: 1100, result: "deadline" }],
};
const evidence = (ops: HistoryOp[]) => ({
  history: { originMs: 0, ops },
  faults: { originMs: 0, timeline: [], windows: [] },
  nodes: ["node-0", "node-1", "node-2", "node-3", "node-4"],
});

test("answers are drawn by node and by whom they named; no answer, no panel", () => {
  const content = panel.content(
    evidence([answered(0, "node-1", 4, 500), answered(1, "node-2", null, 700), unanswered]),
  );
  assert.ok(content?.plot);
  const marks = (content.plot.marks ?? []) as { data?: unknown }[];
  const data = marks.map((m) => m.data).filter(Array.isArray) as unknown[][];
  assert.deepEqual(data.at(-1), [
    { at: 0.5, node: "node-1", named: "node-4", label: "node-1 named node-4" },
    { at: 0.7, node: "node-2", named: "nobody", label: "node-2 named nobody" },
  ]);
  assert.equal(panel.content(evidence([unanswered])), null);
});
