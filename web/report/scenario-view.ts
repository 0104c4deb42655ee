// The report of one finished scenario, the one rendering of it: the web UI shows it under a
// run (evidence read through the API) and the file report.html draws it from the data it
// embeds. Verdict and reason, the properties checked, the linearizability counterexample,
// the charts with the fault windows, the problem's own panel, the message diagram for a
// chosen window, the fault timeline, each node's log and the evidence files.
import type { FaultsDoc, HistoryDoc } from "../../shared/report/docs.ts";
import type { EvidenceLink, ReportedResult } from "../../shared/report/page-data.ts";
import { fill, h, seconds } from "../dom.ts";
import { latencyPlot, timelinePlot } from "../plots.ts";
import { messageDiagram, type MessagesIn } from "./message-diagram.ts";
import { problemPanel } from "./problem-panel.ts";

/** Where a scenario's evidence comes from: the API, or the report's own data. */
export interface ScenarioEvidence {
  /** The history and the fault timeline; null when the scenario recorded none. */
  charts(): Promise<{ history: HistoryDoc; faults: FaultsDoc } | null>;
  /** null: no message log. */
  messages: MessagesIn | null;
  /** Said under the message diagram (e.g. that only some messages are at hand). */
  messagesNote?: string;
  log(node: string): Promise<string>;
  /** The checker's HTML page; null when there is no counterexample. */
  counterexample: (() => Promise<string>) | null;
}

export interface ScenarioViewInput {
  problem: string;
  result: ReportedResult;
  nodes: string[];
  evidence: ScenarioEvidence;
  /** The evidence files, linked (the file report; the UI reads them through the API). */
  links?: EvidenceLink[];
}

function propertiesTable(result: ReportedResult): HTMLElement | null {
  const properties = result.properties ?? [];
  if (!properties.length) return null;
  return h(
    "table",
    { "data-testid": "properties" },
    h("tr", {}, h("th", {}, "property"), h("th", {}, "status"), h("th", {}, "detail")),
    properties.map((p) =>
      h(
        "tr",
        {},
        h("td", {}, p.property),
        h("td", { class: p.status }, p.status),
        h("td", {}, p.message),
      ),
    ),
  );
}

/** The checker's HTML in a sandboxed frame: no scripts, no same origin. */
function counterexampleFrame(load: () => Promise<string>): HTMLElement {
  const frame = h("iframe", {
    class: "counterexample",
    sandbox: "",
    title: "counterexample",
    "data-testid": "counterexample",
  });
  void load()
    .then((html) => frame.setAttribute("srcdoc", html))
    .catch((err: Error) => frame.replaceWith(h("p", { class: "error-box" }, err.message)));
  return frame;
}

function nodeLogs(nodes: string[], evidence: ScenarioEvidence): HTMLElement {
  return h(
    "section",
    { "data-testid": "node-logs" },
    h("h3", {}, "Node logs"),
    nodes.map((node) => {
      const pre = h("pre", { class: "log" }, "Loading…");
      const details = h("details", {}, h("summary", {}, node), pre) as HTMLDetailsElement;
      details.addEventListener("toggle", () => {
        if (details.open)
          void evidence.log(node).then(
            (t) => fill(pre, t || "(empty)"),
            (err: Error) => fill(pre, err.message),
          );
      });
      return details;
    }),
  );
}

function faultTable(history: HistoryDoc, faults: FaultsDoc): HTMLElement {
  return h(
    "table",
    { "data-testid": "faults" },
    faults.timeline.map((t) =>
      h(
        "tr",
        {},
        h("td", {}, seconds(t.atMs - history.originMs)),
        h("td", {}, t.event),
        h("td", {}, t.description),
      ),
    ),
  );
}

async function charts(input: ScenarioViewInput, into: HTMLElement): Promise<void> {
  const found = await input.evidence.charts();
  if (!found) return fill(into, h("p", { class: "muted" }, "No history was recorded."));
  const { history, faults } = found;
  const panel = h("div", {});
  fill(
    into,
    h("h3", {}, "Client operations"),
    h("div", { class: "plot", "data-testid": "timeline-plot" }, timelinePlot(history, faults)),
    h("h3", {}, "Latency"),
    h("div", { class: "plot", "data-testid": "latency-plot" }, latencyPlot(history, faults)),
    panel,
    input.evidence.messages
      ? messageDiagram(
          input.evidence.messages,
          history,
          faults,
          input.nodes,
          input.evidence.messagesNote,
        )
      : null,
    h("h3", {}, "Faults"),
    faultTable(history, faults),
  );
  fill(panel, await problemPanel(input.problem, { history, faults, nodes: input.nodes }));
}

function evidenceLinks(links: EvidenceLink[]): HTMLElement {
  return h(
    "section",
    { "data-testid": "evidence-links" },
    h("h3", {}, "Evidence"),
    h(
      "ul",
      {},
      links.map((l) => h("li", {}, h("a", { href: l.href }, l.label))),
    ),
  );
}

export function scenarioView(input: ScenarioViewInput): HTMLElement {
  const r = input.result;
  const chartsBox = h("div", {}, "Loading the evidence…");
  void charts(input, chartsBox).catch((err: Error) =>
    fill(
      chartsBox,
      h("p", { class: "error-box" }, `The evidence could not be read: ${err.message}`),
    ),
  );
  return h(
    "section",
    { "data-testid": `report-${r.name}` },
    h("h2", {}, `${r.name} `, h("span", { class: `badge ${r.verdict}` }, r.verdict)),
    h("p", {}, r.reason),
    r.excerpt?.length ? h("pre", {}, r.excerpt.join("\n")) : null,
    h(
      "p",
      { class: "muted" },
      `Seed ${r.seed} · ${seconds(r.durationMs)} · ${r.stats.ops} operations (${r.stats.ok} ok, ${r.stats.fail} failed, ${r.stats.unknown} unknown) · latency p50 ${r.stats.latencyP50Ms} ms, p99 ${r.stats.latencyP99Ms} ms · ${r.stats.rpcsPerOp} peer RPCs per operation`,
    ),
    propertiesTable(r),
    input.evidence.counterexample
      ? h(
          "section",
          {},
          h("h3", {}, "Linearizability counterexample"),
          counterexampleFrame(input.evidence.counterexample),
        )
      : null,
    chartsBox,
    nodeLogs(input.nodes, input.evidence),
    input.links?.length ? evidenceLinks(input.links) : null,
  );
}
