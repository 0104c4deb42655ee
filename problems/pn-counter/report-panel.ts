// PN-Counter's own panel in the report: every read's value at the node that answered it,
// over time, against the sum of the adds acknowledged so far. With decrements no line bounds
// a stale read from both sides, so the line is a guide: final reads at different heights, or
// a node's reads running away from it, are what the checks name.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "What each node read, against the acknowledged adds",
  content({ history, faults }) {
    const origin = history.originMs;
    const okNode = (attempts: { node: string; result: string }[] = []) =>
      [...attempts].reverse().find((a) => a.result === "ok")?.node ?? "?";
    const reads = history.ops
      .filter((op) => op.f === "read" && op.type === "ok" && op.endMs !== null)
      .map((op) => ({
        at: secondsSince(origin, op.endMs as number),
        value: Number(op.output),
        node: okNode(op.attempts),
        label: `${op.client} read at ${okNode(op.attempts)} → ${String(op.output)}`,
      }));
    if (!reads.length) return null;
    let total = 0;
    const acknowledged = history.ops
      .filter((op) => op.f === "add" && op.type === "ok" && op.endMs !== null)
      .map((op) => ({ ms: op.endMs as number, delta: Number(op.value) }))
      .sort((a, b) => a.ms - b.ms)
      .map((p) => ({ at: secondsSince(origin, p.ms), total: (total += p.delta) }));
    return {
      caption:
        "Each dot is a read, at the moment it was answered, coloured by the node that answered it. The line is the sum of the adds acknowledged so far, increments up and decrements down. During a partition a node's reads drift from the line by what it has not heard yet, in either direction; after the heal every node must read the same value.",
      plot: {
        height: 320,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: "value", grid: true },
        color: { legend: true },
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.ruleY([0], { stroke: "#ddd" }),
          Plot.line(acknowledged, { x: "at", y: "total", curve: "step-after", stroke: "#888" }),
          Plot.dot(reads, { x: "at", y: "value", fill: "node", r: 2.5, title: "label" }),
        ],
      },
    };
  },
};
