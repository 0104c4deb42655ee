// The message diagram for a window the reader chooses: its start (a number input, or ◀ ▶
// to step by its width) and width; the messages come from wherever the evidence is.
import type { FaultsDoc, HistoryDoc, MessageWindow } from "../../shared/report/docs.ts";
import { runEndMs } from "../../shared/report/docs.ts";
import { fill, h } from "../dom.ts";
import { messagePlot } from "../plots.ts";

/** Widths offered for the window, in seconds. */
const WINDOW_WIDTHS_S = [0.25, 0.5, 1, 2, 5];
const DEFAULT_WINDOW_S = 1;

export type MessagesIn = (fromMs: number, toMs: number) => Promise<MessageWindow>;

export function messageDiagram(
  messagesIn: MessagesIn,
  history: HistoryDoc,
  faults: FaultsDoc,
  nodes: string[],
  note?: string,
): HTMLElement {
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
  const said = h("p", { class: "muted", "data-testid": "message-note" });
  let drawing = 0;
  const draw = async () => {
    const mine = ++drawing;
    const fromS = Number(from.value) || 0;
    const toS = fromS + Number(width.value);
    fill(chart, "Loading…");
    try {
      const window = await messagesIn(origin + fromS * 1000, origin + toS * 1000);
      if (mine !== drawing) return; // a later choice is being drawn
      fill(
        said,
        `${window.total} messages started in ${fromS}–${toS} s${window.truncated ? `; the first ${window.messages.length} are drawn` : ""}. Dashed red: a fault the agent applied. Hover an arrow for its fields.`,
        note ? ` ${note}` : "",
      );
      fill(chart, messagePlot(window.messages, nodes, origin));
    } catch (err) {
      if (mine === drawing) fill(chart, h("p", { class: "error-box" }, (err as Error).message));
    }
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
    said,
    chart,
  );
}
