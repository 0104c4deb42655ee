// A problem's own section of the report (problems/<slug>/report-panel.ts exports `panel`):
// drawn in the web UI and in the file report alike, from the same neutral evidence as the
// other plots. It describes what to draw (Observable Plot's options, or a table) rather
// than building elements, so a problem folder needs no DOM code.
import type { PlotOptions } from "@observablehq/plot";
import type { FaultsDoc, HistoryDoc } from "./docs.ts";

export interface PanelEvidence {
  history: HistoryDoc;
  faults: FaultsDoc;
  /** The cluster's nodes, sorted. */
  nodes: string[];
}

export interface PanelContent {
  /** What the panel shows and how to read it, in a sentence or two. */
  caption: string;
  plot?: PlotOptions;
  table?: { columns: string[]; rows: (string | number)[][] };
}

export interface ReportPanel {
  title: string;
  /** null: nothing to show for this run. */
  content(evidence: PanelEvidence): PanelContent | null;
}
