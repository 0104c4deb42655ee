// The panel lists each started snapshot with every node's recorded balance and channel
// tokens and the total; a run that started no snapshot has no panel.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { HistoryOp } from "../../../shared/report/docs.ts";
import { panel } from "../report-panel.ts";

const at = (node: string) => [{ node, startMs: 0, endMs: 1, result: "ok" }];
const read = (node: string, output: object): HistoryOp =>
  ({
    id: 1,
    client: "final",
    f: "read",
    snapshot_id: 1,
    output,
    type: "ok",
    startMs: 900,
    endMs: 901,
    attempts: at(node),
  }) as HistoryOp;
const start = {
  id: 0,
  client: "s1",
  f: "start",
  snapshot_id: 1,
  type: "ok",
  startMs: 1500,
  endMs: 1501,
  attempts: at("node-0"),
} as HistoryOp;
const channel = (amounts: number[]) => ({ messages: amounts.map((amount) => ({ amount })) });

const evidence = (ops: HistoryOp[]) => ({
  history: { originMs: 1000, ops },
  faults: { originMs: 1000, timeline: [], windows: [] },
  nodes: ["node-0", "node-1"],
});

test("a row per started snapshot, each node's balance + channel tokens, and the total", () => {
  const content = panel.content(
    evidence([
      start,
      read("node-0", { recorded: true, complete: true, balance: 990, channels: [channel([5, 5])] }),
      read("node-1", { recorded: true, complete: false, balance: 1000, channels: [channel([])] }),
    ]),
  );
  assert.deepEqual(content?.table?.rows, [
    [1, "node-0", 0.5, "990 + 10", "1000 + 0 (incomplete)", "2000"],
  ]);
  const missing = panel.content(evidence([start, read("node-0", { recorded: false })]));
  assert.deepEqual(missing?.table?.rows[0]?.slice(3), ["not recorded", "no answer", "—"]);
  assert.equal(panel.content(evidence([])), null);
});
