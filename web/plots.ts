// The report's charts, drawn with Observable Plot: the client operations over time coloured
// by outcome with the fault windows shaded, their latency, and the messages of a window.
// The web UI and the file report (web/report/) both draw them from the same evidence.
import * as Plot from "@observablehq/plot";
import {
  runEndMs,
  type DiagramMessage,
  type FaultsDoc,
  type HistoryDoc,
  type HistoryOp,
} from "../shared/report/docs.ts";
import { faultMarks, OUTCOME_COLOR, PLOT_WIDTH } from "./report/marks.ts";

/** "info" (may have happened) is shown as "unknown", the word the report uses. */
const outcomeName = (type: HistoryOp["type"]): string => (type === "info" ? "unknown" : type);
const shortClient = (client: string): string => client.split("-").pop() ?? client;
const shortMethod = (method: string): string => method.split("/").pop() ?? method;

/** A key-value read's answer says whether the key was there. */
const isFoundValue = (o: unknown): o is { value: unknown; found: boolean } =>
  typeof o === "object" && o !== null && "found" in o && "value" in o;

function describe(op: HistoryOp): string {
  const shown = (v: unknown) => (v === null || v === undefined ? [] : [JSON.stringify(v)]);
  const what = [op.f, ...(op.key ? [op.key] : []), ...shown(op.value)].join(" ");
  const output = op.output;
  const answer =
    output === null || output === undefined
      ? ""
      : ` → ${isFoundValue(output) ? (output.found ? JSON.stringify(output.value) : "absent") : JSON.stringify(output)}`;
  return `${op.client}: ${what}${answer} (${op.type})`;
}

export function timelinePlot(history: HistoryDoc, faults: FaultsDoc): Element {
  const origin = history.originMs;
  const endMs = runEndMs(history);
  const ops = history.ops.map((op) => ({
    client: shortClient(op.client),
    start: (op.startMs - origin) / 1000,
    end: ((op.endMs ?? endMs) - origin) / 1000,
    outcome: outcomeName(op.type),
    label: describe(op),
  }));
  const clients = new Set(ops.map((o) => o.client)).size;
  return Plot.plot({
    width: PLOT_WIDTH,
    height: 60 + 26 * Math.max(clients, 2),
    marginLeft: 50,
    marginTop: 30,
    x: { label: "seconds since the start", grid: true },
    y: { label: "client" },
    color: OUTCOME_COLOR,
    marks: [
      ...faultMarks(faults, origin, endMs),
      Plot.barX(ops, {
        x1: "start",
        x2: "end",
        y: "client",
        fill: "outcome",
        title: "label",
        insetTop: 3,
        insetBottom: 3,
      }),
    ],
  });
}

export function latencyPlot(history: HistoryDoc, faults: FaultsDoc): Element {
  const origin = history.originMs;
  const answered = history.ops
    .filter((op) => op.endMs !== null)
    .map((op) => ({
      start: (op.startMs - origin) / 1000,
      // A log scale needs a positive value; under half a millisecond is shown as 0.5.
      latency: Math.max(0.5, (op.endMs as number) - op.startMs),
      outcome: outcomeName(op.type),
      label: describe(op),
    }));
  return Plot.plot({
    width: PLOT_WIDTH,
    height: 260,
    marginLeft: 50,
    marginTop: 30,
    x: { label: "seconds since the start", grid: true },
    y: { label: "latency (ms)", type: "log", grid: true },
    color: OUTCOME_COLOR,
    marks: [
      ...faultMarks(faults, origin, runEndMs(history)),
      Plot.dot(answered, { x: "start", y: "latency", fill: "outcome", r: 2, title: "label" }),
    ],
  });
}

export function messagePlot(
  messages: readonly DiagramMessage[],
  nodes: string[],
  originMs: number,
): Element {
  const lanes = ["client", ...nodes];
  const rows = messages.map((m) => ({
    from: m.from,
    to: m.to,
    start: (m.startMs - originMs) / 1000,
    end: ((m.endMs ?? m.startMs) - originMs) / 1000,
    method: shortMethod(m.method),
    faulted: m.fault !== undefined,
    label: `${shortMethod(m.method)} ${m.from} → ${m.to}${m.fault ? ` (${m.fault})` : ""}\n${JSON.stringify(m.request ?? {})}\n${JSON.stringify(m.response ?? {})}`,
  }));
  return Plot.plot({
    width: PLOT_WIDTH,
    height: 80 + 40 * lanes.length,
    marginLeft: 60,
    x: { label: "seconds since the start", grid: true },
    y: { domain: lanes, label: null },
    color: { legend: true },
    marks: [
      Plot.ruleY(lanes, { stroke: "#ddd" }),
      Plot.arrow(
        rows.filter((r) => !r.faulted),
        {
          x1: "start",
          y1: "from",
          x2: "end",
          y2: "to",
          stroke: "method",
          strokeWidth: 1,
          headLength: 6,
          title: "label",
        },
      ),
      Plot.arrow(
        rows.filter((r) => r.faulted),
        {
          x1: "start",
          y1: "from",
          x2: "end",
          y2: "to",
          stroke: "#b3261e",
          strokeDasharray: "3,3",
          headLength: 6,
          title: "label",
        },
      ),
    ],
  });
}
