// The report of one finished scenario: verdict and reason, the properties checked, the
// charts, the message diagram for a chosen window, the linearizability counterexample when
// there is one, and each node's log.
import type { PublicResult } from "../../functions/api/public-view.ts";
import { api } from "../api.ts";
import { fill, h, seconds } from "../dom.ts";
import {
  latencyPlot,
  messagePlot,
  runEndMs,
  timelinePlot,
  type FaultsDoc,
  type HistoryDoc,
} from "../plots.ts";

/** Widths offered for the message diagram's window, in seconds. */
const WINDOW_WIDTHS_S = [0.25, 0.5, 1, 2, 5];
const DEFAULT_WINDOW_S = 1;

function propertiesTable(stored: PublicResult): HTMLElement | null {
  const properties = stored.result.properties ?? [];
  if (!properties.length) return null;
  return h(
    "table",
    {},
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

function messageDiagram(
  id: string,
  stored: PublicResult,
  history: HistoryDoc,
  faults: FaultsDoc,
  nodes: string[],
) {
  const origin = history.originMs;
  const endS = (runEndMs(history) - origin) / 1000;
  const firstFault = faults.windows[0];
  const from = h("input", {
    type: "number",
    step: "0.25",
    min: 0,
    max: Math.ceil(endS),
    id: "window-from",
    value: firstFault ? Math.max(0, (firstFault.startMs - origin) / 1000 - 0.25).toFixed(2) : "0",
  }) as HTMLInputElement;
  const width = h(
    "select",
    { id: "window-width" },
    WINDOW_WIDTHS_S.map((w) =>
      h("option", { value: w, selected: w === DEFAULT_WINDOW_S }, `${w} s`),
    ),
  ) as HTMLSelectElement;
  const chart = h("div", { class: "plot", "data-testid": "message-plot" });
  const note = h("p", { class: "muted" });
  const draw = async () => {
    const fromS = Number(from.value) || 0;
    const toS = fromS + Number(width.value);
    fill(chart, "Loading…");
    const window = await api.messages(id, stored.index, origin + fromS * 1000, origin + toS * 1000);
    fill(
      note,
      `${window.total} messages started in ${fromS}–${toS} s${window.truncated ? `; the first ${window.messages.length} are drawn` : ""}. Dashed red: a fault the agent applied. Hover an arrow for its fields.`,
    );
    fill(chart, messagePlot(window.messages, nodes, origin));
  };
  const step = (sign: number) => () => {
    from.value = String(Math.max(0, (Number(from.value) || 0) + sign * Number(width.value)));
    void draw();
  };
  from.addEventListener("change", () => void draw());
  width.addEventListener("change", () => void draw());
  void draw();
  return h(
    "section",
    {},
    h("h3", {}, "Messages"),
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", onclick: step(-1) }, "◀"),
      h("label", {}, "from (s) ", from),
      h("label", {}, "width ", width),
      h("button", { type: "button", onclick: step(1) }, "▶"),
    ),
    note,
    chart,
  );
}

/**
 * The checker's HTML in a sandboxed frame (no scripts, no same origin). Fetched through the
 * API rather than named as the frame's src, so the call carries the user's ID token.
 */
function counterexampleFrame(id: string, index: number): HTMLElement {
  const frame = h("iframe", { class: "counterexample", sandbox: "", title: "counterexample" });
  void api
    .evidenceText(id, index, "counterexample")
    .then((html) => frame.setAttribute("srcdoc", html))
    .catch((err: Error) => frame.replaceWith(h("p", { class: "error-box" }, err.message)));
  return frame;
}

function nodeLogs(id: string, stored: PublicResult): HTMLElement {
  const nodes = Object.keys(stored.result.evidence.logs ?? {});
  return h(
    "section",
    {},
    h("h3", {}, "Node logs"),
    nodes.map((node) => {
      const pre = h("pre", { class: "log" }, "Loading…");
      const details = h("details", {}, h("summary", {}, node), pre) as HTMLDetailsElement;
      details.addEventListener("toggle", () => {
        if (details.open)
          void api
            .evidenceText(id, stored.index, `logs/${encodeURIComponent(node)}`)
            .then((t) => fill(pre, t || "(empty)"));
      });
      return details;
    }),
  );
}

async function charts(id: string, stored: PublicResult, into: HTMLElement): Promise<void> {
  const { evidence } = stored.result;
  if (!evidence.history || !evidence.faults)
    return fill(into, h("p", { class: "muted" }, "No history was recorded."));
  const [history, faults] = await Promise.all([
    api.evidenceJson<HistoryDoc>(id, stored.index, "history"),
    api.evidenceJson<FaultsDoc>(id, stored.index, "faults"),
  ]);
  const nodes = Object.keys(evidence.logs ?? {}).sort();
  fill(
    into,
    h("h3", {}, "Client operations"),
    h("div", { class: "plot", "data-testid": "timeline-plot" }, timelinePlot(history, faults)),
    h("h3", {}, "Latency"),
    h("div", { class: "plot", "data-testid": "latency-plot" }, latencyPlot(history, faults)),
    evidence.messages ? messageDiagram(id, stored, history, faults, nodes) : null,
    h("h3", {}, "Faults"),
    h(
      "table",
      {},
      faults.timeline.map((t) =>
        h(
          "tr",
          {},
          h("td", {}, seconds(t.atMs - history.originMs)),
          h("td", {}, t.event),
          h("td", {}, t.description),
        ),
      ),
    ),
  );
}

export function scenarioReport(id: string, stored: PublicResult): HTMLElement {
  const r = stored.result;
  const chartsBox = h("div", {}, "Loading the evidence…");
  void charts(id, stored, chartsBox).catch((err: Error) =>
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
    propertiesTable(stored),
    r.evidence.counterexample
      ? h(
          "section",
          {},
          h("h3", {}, "Linearizability counterexample"),
          counterexampleFrame(id, stored.index),
        )
      : null,
    chartsBox,
    nodeLogs(id, stored),
  );
}
