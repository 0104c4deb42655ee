// Marks every chart of the report shares, the problem panels' too: the fault windows
// shaded and labelled, and the outcome colours. No DOM here (problem folders import it).
import * as Plot from "@observablehq/plot";
import type { FaultsDoc } from "../../shared/report/docs.ts";

export const OUTCOME_COLOR = {
  domain: ["ok", "fail", "unknown"],
  range: ["#17692b", "#b3261e", "#b26a00"],
  legend: true,
};

/** Every chart of the report is this wide (px), so their time axes line up. */
export const PLOT_WIDTH = 1100;

/** Seconds since the run's origin. */
export const secondsSince = (originMs: number, ms: number): number => (ms - originMs) / 1000;

/** The fault windows as shaded bands across the chart, labelled in its top margin. */
export function faultMarks(faults: FaultsDoc, originMs: number, endMs: number): Plot.Markish[] {
  const windows = faults.windows.map((w) => ({
    start: secondsSince(originMs, w.startMs),
    end: secondsSince(originMs, w.endMs ?? endMs),
    description: w.description,
  }));
  return [
    Plot.rectX(windows, {
      x1: "start",
      x2: "end",
      fill: "#888",
      fillOpacity: 0.16,
      title: "description",
    }),
    Plot.text(windows, {
      x: "start",
      text: "description",
      frameAnchor: "top",
      textAnchor: "start",
      // Above the frame, in its top margin, so the label never hides an operation.
      dx: 3,
      dy: -10,
      fill: "#555",
    }),
  ];
}
