// One failing partition as a self-contained HTML page: a lane per client, each operation a
// bar over its real-time interval, the longest legal order numbered on its bars, the
// operations that cannot be placed in red, and a line where no linearization gets past.
// It reads only the failure value the checker returned.
import type { LinearizabilityFailure, Operation } from "./types.ts";

export interface RenderOptions {
  title: string;
  /** How a moment is written ("12.400 s", "line 12"). */
  describeTime: (ms: number) => string;
}

const PLOT_PX = 1100;
const GUTTER_PX = 110;
const ROW_PX = 26;
const BAR_PX = 18;
const AXIS_PX = 40;
/** Open operations (info) are drawn past the last event by this share of the span. */
const OPEN_TAIL_SHARE = 0.04;
const CHAR_PX = 6.6;
const TICKS = 8;

type Op = Operation<unknown, unknown>;

interface Placed {
  op: Op;
  text: string;
  row: number;
}

export function renderFailureHtml(failure: LinearizabilityFailure, opts: RenderOptions): string {
  const svg = timelineSvg(failure, opts);
  const explanation = failure.explanation.map((line) => `<li>${esc(line)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(opts.title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d232b}
h1{font-size:20px;margin:0 0 4px}.sub{color:#5a6572;margin-bottom:16px}
ol.why li{margin:4px 0}svg text{font:11px system-ui,sans-serif}
.placed{fill:#cfe8d5;stroke:#2f7d45}.stuck{fill:#f6c9c9;stroke:#b3261e;stroke-width:2.5}
.blocked{fill:#fbe0c8;stroke:#c25e00}.other{fill:#e3e6ea;stroke:#8a939d}
.open{stroke-dasharray:4 3}.lane{fill:#f7f8fa}.wall{stroke:#b3261e;stroke-width:2}
.tick{stroke:#c9ced4}.legend span{display:inline-block;padding:1px 8px;margin-right:8px;border:1px solid}
table{border-collapse:collapse;margin-top:12px}td,th{border-bottom:1px solid #e3e6ea;padding:3px 10px;text-align:left}
</style></head><body>
<h1>${esc(opts.title)}</h1>
<div class="sub">Not linearizable${failure.key === "" ? "" : ` on key ${esc(JSON.stringify(failure.key))}`} · ${failure.ops.length} operations · longest legal order: ${failure.longest.length}</div>
<ol class="why">${explanation}</ol>
<div class="legend"><span class="placed" style="background:#cfe8d5;border-color:#2f7d45">in the longest legal order (its position)</span><span style="background:#f6c9c9;border-color:#b3261e">cannot be placed</span><span style="background:#fbe0c8;border-color:#c25e00">does not fit the state either</span><span style="background:#e3e6ea;border-color:#8a939d">not reached</span><span style="border-style:dashed;border-color:#8a939d">dashed: never answered (may take effect at any later time)</span></div>
${svg}
${orderTable(failure, opts)}
</body></html>
`;
}

function timelineSvg(failure: LinearizabilityFailure, opts: RenderOptions): string {
  const ops = failure.ops;
  const text = new Map(ops.map((op, i) => [op.id, failure.opText[i] ?? ""]));
  const finite = ops.flatMap((op) => (endOf(op) === null ? [op.callMs] : [op.callMs, endOf(op)!]));
  // reduce, not spread: a partition can hold more operations than a call has arguments.
  const t0 = finite.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const last = finite.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const span = Math.max(last - t0, 1e-9);
  const tEnd = last + span * OPEN_TAIL_SHARE;
  const x = (t: number): number => GUTTER_PX + ((t - t0) / (tEnd - t0)) * PLOT_PX;
  const lanes = packLanes(ops, text, tEnd);
  const order = new Map(failure.longest.map((id, i) => [id, i + 1]));
  const stuck = failure.unplaceable[0];
  const blocked = new Set(failure.unplaceable.slice(1));
  const parts: string[] = [];
  let y = AXIS_PX;
  for (const lane of lanes) {
    const height = (lane.rows + 1) * ROW_PX;
    parts.push(
      `<rect class="lane" x="0" y="${y}" width="${GUTTER_PX + PLOT_PX}" height="${height - 4}"/>`,
    );
    parts.push(`<text x="6" y="${y + 17}">client ${esc(lane.client)}</text>`);
    for (const p of lane.placed) {
      const end = endOf(p.op) ?? tEnd;
      const x1 = x(p.op.callMs);
      const w = Math.max(x(end) - x1, 3);
      const pos = order.get(p.op.id);
      const cls =
        p.op.id === stuck ? "stuck" : blocked.has(p.op.id) ? "blocked" : pos ? "placed" : "other";
      const label = `${pos ? `${pos}. ` : ""}${p.text}`;
      const fit = Math.floor((w - 6) / CHAR_PX);
      const shown = fit <= 1 ? "" : label.length > fit ? `${label.slice(0, fit - 1)}…` : label;
      const by = y + p.row * ROW_PX + 3;
      parts.push(
        `<g><title>${esc(tooltip(p, pos, failure, opts))}</title><rect class="${cls}${endOf(p.op) === null ? " open" : ""}" x="${x1.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="${BAR_PX}" rx="3"/>` +
          `<text x="${(x1 + 4).toFixed(1)}" y="${by + 13}">${esc(shown)}</text></g>`,
      );
    }
    y += height;
  }
  const wall = x(failure.stuckAtMs === Number.POSITIVE_INFINITY ? tEnd : failure.stuckAtMs);
  const axis = ticks(t0, last).map(
    (t) =>
      `<line class="tick" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${AXIS_PX - 6}" y2="${y}"/><text x="${(x(t) + 2).toFixed(1)}" y="${AXIS_PX - 10}">${esc(opts.describeTime(t))}</text>`,
  );
  const wallLine = `<line class="wall" x1="${wall.toFixed(1)}" x2="${wall.toFixed(1)}" y1="${AXIS_PX - 22}" y2="${y}"/><text x="${(wall + 4).toFixed(1)}" y="${AXIS_PX - 26}" fill="#b3261e">no linearization gets past here</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${GUTTER_PX + PLOT_PX + 20}" height="${y + 10}">${axis.join("")}${parts.join("")}${wallLine}</svg>`;
}

interface Lane {
  client: string;
  rows: number;
  placed: Placed[];
}

/** One lane per client; an operation left open (info) can overlap the client's next
 * ones, so overlapping bars go on extra rows of the lane. */
function packLanes(ops: readonly Op[], text: Map<number, string>, tEnd: number): Lane[] {
  const byClient = new Map<string, Op[]>();
  for (const op of ops) byClient.set(op.clientId, [...(byClient.get(op.clientId) ?? []), op]);
  const clients = [...byClient.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return clients.map((client) => {
    const rowEnds: number[] = [];
    const placed = byClient
      .get(client)!
      .sort((a, b) => a.callMs - b.callMs)
      .map((op) => {
        let row = rowEnds.findIndex((end) => end < op.callMs);
        if (row === -1) row = rowEnds.push(0) - 1;
        rowEnds[row] = endOf(op) ?? tEnd;
        return { op, text: text.get(op.id) ?? "", row };
      });
    return { client, rows: rowEnds.length - 1, placed };
  });
}

function tooltip(
  p: Placed,
  pos: number | undefined,
  f: LinearizabilityFailure,
  opts: RenderOptions,
): string {
  const end = endOf(p.op);
  const when = `${opts.describeTime(p.op.callMs)} – ${end === null ? "never answered" : opts.describeTime(end)}`;
  const where = pos
    ? `; #${pos} of the longest legal order, state after: ${f.longestStates[pos - 1]}`
    : "";
  return `${p.text} by client ${p.op.clientId} (#${p.op.id}, ${p.op.outcome}, ${when})${where}`;
}

function orderTable(f: LinearizabilityFailure, opts: RenderOptions): string {
  const byId = new Map(f.ops.map((op, i) => [op.id, { op, text: f.opText[i] ?? "" }]));
  const rows = f.longest.map((id, i) => {
    const { op, text } = byId.get(id)!;
    const end = endOf(op);
    return `<tr><td>${i + 1}</td><td>${esc(text)}</td><td>${esc(op.clientId)}</td><td>${esc(opts.describeTime(op.callMs))} – ${end === null ? "never answered" : esc(opts.describeTime(end))}</td><td>${esc(f.longestStates[i] ?? "")}</td></tr>`;
  });
  return `<h2 style="font-size:16px;margin-top:20px">The longest legal order</h2>
<table><tr><th>#</th><th>operation</th><th>client</th><th>interval</th><th>state after</th></tr>${rows.join("")}</table>`;
}

/** The return the checker used: none for an open (info) operation. */
const endOf = (op: Op): number | null => (op.outcome === "info" ? null : op.returnMs);

/** Round-numbered ticks (1, 2 or 5 times a power of ten apart) across [t0, t1]. */
function ticks(t0: number, t1: number): number[] {
  const raw = (t1 - t0) / TICKS;
  if (!(raw > 0)) return [t0];
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
  return out;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
