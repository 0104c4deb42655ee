// Bully election's own panel in the report: every poll's answer, at the moment it was given,
// in the row of the node that gave it, coloured by the coordinator it named. Once stable, a
// row and all rows are one colour: the highest live node's; a second colour after the bound
// is what the agreement and convergence checks name.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "Whom each node named",
  content({ history, faults, nodes }) {
    const origin = history.originMs;
    const okNode = (attempts: { node: string; result: string }[] = []) =>
      [...attempts].reverse().find((a) => a.result === "ok")?.node ?? "?";
    const answers = history.ops
      .filter((op) => op.f === "coordinator" && op.type === "ok" && op.endMs !== null)
      .map((op) => {
        const node = okNode(op.attempts);
        const named = typeof op.output === "number" ? `node-${op.output}` : "nobody";
        return {
          at: secondsSince(origin, op.endMs as number),
          node,
          named,
          label: `${node} named ${named}`,
        };
      });
    if (!answers.length) return null;
    return {
      caption:
        "Each dot is a poll's answer, at the moment it was given, in the row of the node that answered, coloured by the coordinator it named (nobody: electing). Shaded: the faults. From 3 s after each fault change with no partition in force, every dot must have the colour of the highest live node.",
      plot: {
        height: 60 + 40 * nodes.length,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: null, domain: nodes },
        color: { legend: true, domain: [...nodes, "nobody"] },
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.dot(answers, { x: "at", y: "node", fill: "named", r: 3, title: "label" }),
        ],
      },
    };
  },
};
