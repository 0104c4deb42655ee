// G-Counter's own panel in the report: every read's value at the node that answered it, over
// time, against the sum of the adds acknowledged so far and the sum of every add invoked so
// far (ok or unknown). A read above the upper line, a node's reads going down, or final reads
// at different heights are what the checks name; here they show as such.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "What each node read, against the adds",
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
    const adds = history.ops.filter((op) => op.f === "add" && op.type !== "fail");
    const step = (points: { ms: number; delta: number }[]) => {
      let total = 0;
      return points
        .sort((a, b) => a.ms - b.ms)
        .map((p) => ({ at: secondsSince(origin, p.ms), total: (total += p.delta) }));
    };
    const acknowledged = step(
      adds
        .filter((op) => op.type === "ok" && op.endMs !== null)
        .map((op) => ({ ms: op.endMs as number, delta: Number(op.value) })),
    );
    const invoked = step(adds.map((op) => ({ ms: op.startMs, delta: Number(op.value) })));
    const top = Math.max(...reads.map((r) => r.value), ...invoked.map((p) => p.total), 1);
    return {
      caption:
        "Each dot is a read, at the moment it was answered, coloured by the node that answered it. The lower line is the sum of the adds acknowledged so far, the upper one the sum of every add invoked so far that did not fail. A stale read may sit below the lower line during a partition; no read may rise above the upper line, and after the heal every node must read the same value.",
      plot: {
        height: 320,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: "value", grid: true, domain: [0, top * 1.05] },
        color: { legend: true },
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.line(acknowledged, { x: "at", y: "total", curve: "step-after", stroke: "#888" }),
          Plot.line(invoked, {
            x: "at",
            y: "total",
            curve: "step-after",
            stroke: "#bbb",
            strokeDasharray: "4 3",
          }),
          Plot.dot(reads, { x: "at", y: "value", fill: "node", r: 2.5, title: "label" }),
        ],
      },
    };
  },
};
