// Raft's own panel in the report (the UI's and report.html's): every call the clients made,
// on the node it reached, by its answer. A run of ok on one node is the leader the clients
// found; a not_leader answer carries the node's leader hint. It shows how long clients
// went without a leader after a fault, and where redirects sent them.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

/** The client's words for an answer (client.ts), in the order the legend lists them. */
const ANSWERS = {
  domain: ["ok", "not_leader", "unavailable", "deadline", "error"],
  range: ["#17692b", "#5b7fb3", "#b26a00", "#8e44ad", "#b3261e"],
  legend: true,
};

export const panel: ReportPanel = {
  title: "Where the clients' calls went",
  content({ history, faults, nodes }) {
    const origin = history.originMs;
    const calls = history.ops.flatMap((op) =>
      (op.attempts ?? []).map((a) => ({
        node: a.node,
        at: secondsSince(origin, a.startMs),
        answer: a.result,
        label: `${op.client} ${op.f}${op.key ? ` ${op.key}` : ""} → ${a.node}: ${a.result}${a.hint ? ` (leader hint: ${a.hint})` : ""}${a.detail ? ` (${a.detail})` : ""}`,
      })),
    );
    if (!calls.length) return null;
    const lanes = [...new Set([...nodes, ...calls.map((c) => c.node)])].sort();
    return {
      caption:
        "Each call a client made, on the node it reached, coloured by its answer: a row of ok is the leader the clients found, not_leader a refusal with the node's leader hint (hover a dot). Gaps after a fault are how long the clients went without a leader.",
      plot: {
        height: 60 + 30 * lanes.length,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { domain: lanes, label: null },
        color: ANSWERS,
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.dot(calls, { x: "at", y: "node", fill: "answer", r: 2.5, title: "label" }),
        ],
      },
    };
  },
};
