// Ricart-Agrawala's own panel in the report: every entry as a bar on its node's row, from the
// moment the client saw the grant to the moment it sent the release, labelled with the
// request's timestamp. Two bars overlapping across rows are what mutual exclusion names; the
// timestamps along the time axis show the grant order.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import type { HistoryOp } from "../../shared/report/docs.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

const entryKey = (op: HistoryOp) => `${op.client}#${String(op.value)}`;

export const panel: ReportPanel = {
  title: "Who held the critical section, and when",
  content({ history, faults, nodes }) {
    const origin = history.originMs;
    const end = runEndMs(history);
    const releases = new Map<string, HistoryOp>();
    for (const op of history.ops) if (op.f === "release") releases.set(entryKey(op), op);
    const entries = history.ops
      .filter((op) => op.f === "acquire" && op.type === "ok" && op.endMs !== null)
      .map((op) => {
        const release = releases.get(entryKey(op));
        const releasedMs = release?.attempts?.[0]?.startMs ?? release?.startMs ?? end;
        return {
          from: secondsSince(origin, op.endMs as number),
          to: secondsSince(origin, releasedMs),
          node: String(op.key),
          label: `${String(op.key)}: timestamp ${String(op.output)}, ${op.client} #${String(op.value)}`,
        };
      });
    if (!entries.length) return null;
    return {
      caption:
        "Each bar is an entry at its node, from the moment the client saw the grant to the moment it sent the release; hover for the request's timestamp. No two bars on different rows may overlap, and along the time axis the (timestamp, node) pairs must grow.",
      plot: {
        height: 60 + 40 * nodes.length,
        marginLeft: 70,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: null, domain: nodes },
        color: { legend: true, domain: nodes },
        marks: [
          ...faultMarks(faults, origin, end),
          Plot.barX(entries, { x1: "from", x2: "to", y: "node", fill: "node", title: "label" }),
        ],
      },
    };
  },
};
