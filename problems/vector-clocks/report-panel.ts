// Vector Clocks' own panel in the report: the final logs as a space-time diagram, one lane per
// node, each event at its place in its node's order, each message a line from its send to its
// receive. A violation names events as node-1#5 (node-1's 5th event): here each dot's title
// gives its name and clock, so the two events and the chain between them can be found.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";

interface Logged {
  kind: string;
  clock: Record<string, number>;
  peer: string;
  message: number;
}

export const panel: ReportPanel = {
  title: "Every node's events in order, and the messages between them",
  content({ history }) {
    const logs = history.ops
      .filter((op) => op.f === "log" && op.type === "ok" && Array.isArray(op.output))
      .map((op) => ({
        node: [...(op.attempts ?? [])].reverse().find((a) => a.result === "ok")?.node ?? "?",
        events: op.output as Logged[],
      }));
    if (!logs.length) return null;
    const dots = logs.flatMap(({ node, events }) =>
      events.map((e, i) => ({
        node,
        k: i + 1,
        kind: e.kind,
        label: `${node}#${i + 1} ${e.kind}${e.peer ? ` ${e.kind === "send" ? "to" : "from"} ${e.peer}` : ""} ${JSON.stringify(e.clock)}`,
      })),
    );
    const links = logs.flatMap(({ node, events }) =>
      events.flatMap((e, i) =>
        e.kind === "receive" ? [{ from: e.peer, k1: e.message, to: node, k2: i + 1 }] : [],
      ),
    );
    return {
      caption:
        "One lane per node; a dot is an event at its place in its node's final log (node-1#5 is node-1's 5th event; hover for its clock), coloured by kind; a line joins a send to its receive. An event happens before another exactly when a path runs from it to the other, rightwards along lanes and along lines: a violation names two events, and here is the path between them, or the lack of one.",
      plot: {
        height: 220,
        marginLeft: 70,
        x: { label: "place in the node's log", grid: true },
        y: { label: null },
        color: { legend: true, domain: ["local", "send", "receive"] },
        marks: [
          Plot.link(links, { x1: "k1", y1: "from", x2: "k2", y2: "to", stroke: "#bbb" }),
          Plot.dot(dots, { x: "k", y: "node", fill: "kind", r: 2.5, title: "label" }),
        ],
      },
    };
  },
};
