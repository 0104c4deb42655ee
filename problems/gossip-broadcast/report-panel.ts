// Gossip Broadcast's own panel in the report: how many values each read showed, at the node
// that answered it, over time, against the broadcasts acknowledged so far and every
// broadcast invoked so far. A node cut off lags during a partition; after the heal every
// node's reads must reach the same height, and none rises above the upper line.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "How many values each node's reads showed, against the broadcasts",
  content({ history, faults }) {
    const origin = history.originMs;
    const okNode = (attempts: { node: string; result: string }[] = []) =>
      [...attempts].reverse().find((a) => a.result === "ok")?.node ?? "?";
    const reads = history.ops
      .filter((op) => op.f === "read" && op.type === "ok" && op.endMs !== null)
      .map((op) => {
        const count = Array.isArray(op.output) ? op.output.length : 0;
        return {
          at: secondsSince(origin, op.endMs as number),
          count,
          node: okNode(op.attempts),
          label: `${op.client} read at ${okNode(op.attempts)} → ${count} values`,
        };
      });
    if (!reads.length) return null;
    const sent = history.ops.filter((op) => op.f === "broadcast" && op.type !== "fail");
    const step = (times: number[]) =>
      times.sort((a, b) => a - b).map((ms, i) => ({ at: secondsSince(origin, ms), total: i + 1 }));
    const acknowledged = step(
      sent.filter((op) => op.type === "ok" && op.endMs !== null).map((op) => op.endMs as number),
    );
    const invoked = step(sent.map((op) => op.startMs));
    return {
      caption:
        "Each dot is a read, at the moment it was answered, coloured by the node that answered it, at the number of values it listed. The lower line counts the broadcasts acknowledged so far, the upper one every broadcast invoked so far that did not fail. A node cut off by a partition may lag below the lower line; no read may rise above the upper one, and after the heal every node must list the same values.",
      plot: {
        height: 320,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: "values", grid: true },
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
          Plot.dot(reads, { x: "at", y: "count", fill: "node", r: 2.5, title: "label" }),
        ],
      },
    };
  },
};
