// The chain's panel reads the master's notes on the fault timeline (master.ts's words).
import assert from "node:assert/strict";
import { test } from "vitest";
import { panel } from "../report-panel.ts";

const note = (atMs: number, description: string) => ({ atMs, event: "note", description });

test("one row per configuration: head, middle, tail and why", () => {
  const content = panel.content({
    history: { originMs: 1000, ops: [] },
    nodes: ["node-0", "node-1", "node-2"],
    faults: {
      originMs: 1000,
      windows: [],
      timeline: [
        note(1100, "master: epoch 1, chain node-2 → node-0 → node-1"),
        { atMs: 3000, event: "begin", description: "killed node-0" },
        note(3100, "master: epoch 2, chain node-2 → node-1 (node-0 left)"),
        note(6200, "master: epoch 3, chain node-2 → node-1 → node-0 (node-0 joined)"),
      ],
    },
  });
  assert.deepEqual(content?.table?.rows, [
    [1, "0.10", "node-2", "node-0", "node-1", "first chain"],
    [2, "2.10", "node-2", "—", "node-1", "node-0 left"],
    [3, "5.20", "node-2", "node-1", "node-0", "node-0 joined"],
  ]);
});

test("no configuration, no panel", () => {
  const faults = { originMs: 0, windows: [], timeline: [] };
  assert.equal(panel.content({ history: { originMs: 0, ops: [] }, nodes: [], faults }), null);
});
