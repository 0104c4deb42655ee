// A problem's own panel in the report, when its folder has one (problems/<slug>/
// report-panel.ts, found by esbuild's glob import: no list names the problems here).
import * as Plot from "@observablehq/plot";
import type { PanelContent, PanelEvidence, ReportPanel } from "../../shared/report/panel.ts";
import { h } from "../dom.ts";
import { PLOT_WIDTH } from "./marks.ts";

async function panelOf(problem: string): Promise<ReportPanel | null> {
  if (!/^[a-z0-9-]+$/.test(problem)) return null;
  try {
    const module = (await import(`../../problems/${problem}/report-panel.ts`)) as {
      panel?: ReportPanel;
    };
    return module.panel ?? null;
  } catch {
    return null; // no panel in that problem's folder
  }
}

function table(t: NonNullable<PanelContent["table"]>): HTMLElement {
  return h(
    "table",
    {},
    h(
      "tr",
      {},
      t.columns.map((c) => h("th", {}, c)),
    ),
    t.rows.map((row) =>
      h(
        "tr",
        {},
        row.map((cell) => h("td", {}, cell)),
      ),
    ),
  );
}

/** The panel's section, or null when the problem has none or nothing to show for this run. */
export async function problemPanel(
  problem: string,
  evidence: PanelEvidence,
): Promise<HTMLElement | null> {
  const panel = await panelOf(problem);
  if (!panel) return null;
  let content: PanelContent | null;
  try {
    content = panel.content(evidence);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return h("p", { class: "error-box" }, `The ${problem} panel could not be drawn: ${message}`);
  }
  if (!content) return null;
  return h(
    "section",
    { "data-testid": "problem-panel" },
    h("h3", {}, panel.title),
    h("p", { class: "muted" }, content.caption),
    content.plot
      ? h("div", { class: "plot" }, Plot.plot({ width: PLOT_WIDTH, ...content.plot }))
      : null,
    content.table ? table(content.table) : null,
  );
}
