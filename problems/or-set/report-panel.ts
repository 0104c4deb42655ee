// OR-Set's own panel in the report: for each element, when adds (+) and removes (×) of it
// were invoked, and which node's reads showed it when, so a race, a stale read during a
// partition or an element that comes back after its removes shows as such.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "Which elements each node's reads showed, against the adds and removes",
  content({ history, faults }) {
    const origin = history.originMs;
    const okNode = (attempts: { node: string; result: string }[] = []) =>
      [...attempts].reverse().find((a) => a.result === "ok")?.node ?? "?";
    const shown = history.ops
      .filter((op) => op.f === "read" && op.type === "ok" && op.endMs !== null)
      .flatMap((op) =>
        (Array.isArray(op.output) ? (op.output as string[]) : []).map((element) => ({
          at: secondsSince(origin, op.endMs as number),
          element,
          node: okNode(op.attempts),
        })),
      );
    const updates = (f: string) =>
      history.ops
        .filter((op) => op.f === f && op.type !== "fail" && typeof op.key === "string")
        .map((op) => ({
          at: secondsSince(origin, op.startMs),
          element: op.key as string,
          label: `${op.client} ${f} ${op.key} (${op.type})`,
        }));
    const adds = updates("add");
    if (!adds.length) return null;
    return {
      caption:
        "Each row is an element. A + marks an add invoked, a × a remove invoked (hover for its outcome), and each dot a read that showed the element, at the moment it was answered, coloured by the node that answered it. During a partition a node's dots may lag the others; after the heal every node's last read must show the same elements.",
      plot: {
        height: 260,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: "element" },
        color: { legend: true },
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.dot(adds, { x: "at", y: "element", symbol: "plus", stroke: "#2a7", title: "label" }),
          Plot.dot(updates("remove"), {
            x: "at",
            y: "element",
            symbol: "times",
            stroke: "#c33",
            title: "label",
          }),
          Plot.dot(shown, { x: "at", y: "element", fill: "node", r: 2, dy: 6 }),
        ],
      },
    };
  },
};
