// LWW map's own panel in the report: for each key, when puts (+) and deletes (×) of it were
// invoked, and what each node's gets showed when, so a write that loses to an older one, a
// stale get during a partition or a value that comes back after its delete shows as such.
import * as Plot from "@observablehq/plot";
import type { ReportPanel } from "../../shared/report/panel.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { faultMarks, secondsSince } from "../../web/report/marks.ts";

export const panel: ReportPanel = {
  title: "What each node's gets showed, against the puts and deletes of each key",
  content({ history, faults }) {
    const origin = history.originMs;
    const okNode = (attempts: { node: string; result: string }[] = []) =>
      [...attempts].reverse().find((a) => a.result === "ok")?.node ?? "?";
    const gets = history.ops
      .filter((op) => op.f === "get" && op.type === "ok" && op.endMs !== null)
      .map((op) => ({
        at: secondsSince(origin, op.endMs as number),
        key: op.key as string,
        node: okNode(op.attempts),
        label: `${op.client} get ${op.key} → ${op.output === null ? "absent" : JSON.stringify(op.output)}`,
      }));
    const writes = (f: string) =>
      history.ops
        .filter((op) => op.f === f && op.type !== "fail" && typeof op.key === "string")
        .map((op) => ({
          at: secondsSince(origin, op.startMs),
          key: op.key as string,
          label: `${op.client} ${f} ${op.key}${f === "put" ? ` ${JSON.stringify(op.value)}` : ""} (${op.type})`,
        }));
    const puts = writes("put");
    if (!puts.length) return null;
    return {
      caption:
        "Each row is a key. A + marks a put invoked, a × a delete invoked, and each dot a get at the moment it was answered, coloured by the node that answered it (hover for the value it showed). During a partition one side's gets may lag; after the heal every node's final read must show, for each key, the same write.",
      plot: {
        height: 240,
        marginLeft: 60,
        marginTop: 30,
        x: { label: "seconds since the start", grid: true },
        y: { label: "key" },
        color: { legend: true },
        marks: [
          ...faultMarks(faults, origin, runEndMs(history)),
          Plot.dot(puts, { x: "at", y: "key", symbol: "plus", stroke: "#2a7", title: "label" }),
          Plot.dot(writes("delete"), {
            x: "at",
            y: "key",
            symbol: "times",
            stroke: "#c33",
            title: "label",
          }),
          Plot.dot(gets, { x: "at", y: "key", fill: "node", r: 2, dy: 6, title: "label" }),
        ],
      },
    };
  },
};
