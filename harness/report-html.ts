// A self-contained HTML page per scenario: verdict, the properties checked, the fault
// timeline and the client history, with links to the evidence files beside it.
import { writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import type { Operation } from "./operation.ts";
import type { ProblemJudge } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

/** Rows of history shown inline; the full history is in history.json. */
const HISTORY_ROWS_MAX = 1500;

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.pass,.holds{color:#17692b}.fail,.violated,.error{color:#b3261e}.unknown,.inconclusive{color:#8a5a00}
pre{background:#f6f6f6;padding:.75rem;overflow:auto}code{font-size:12px}`;

function propertyRows(properties: readonly PropertyResult[]): string {
  return properties
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.property)}</td><td class="${p.status}">${p.status}</td><td>${escapeHtml(p.message)}</td></tr>`,
    )
    .join("\n");
}

export async function writeScenarioReport<Op extends Operation>(
  dir: string,
  result: ScenarioResult,
  run: RunRecord<Op>,
  judge: Pick<ProblemJudge<Op>, "describeOperation" | "reportPanel">,
  properties: readonly PropertyResult[],
): Promise<string> {
  const path = join(dir, "report.html");
  const at = (ms: number): string => `${((ms - run.originMs) / 1000).toFixed(2)} s`;
  const files = [
    result.evidence.history,
    result.evidence.messages,
    result.evidence.faults,
    ...Object.values(result.evidence.logs ?? {}),
  ]
    .filter((f): f is string => Boolean(f))
    .map((f) => `<a href="${escapeHtml(relative(dir, f))}">${escapeHtml(basename(f))}</a>`)
    .join(" · ");
  const panel = judge.reportPanel?.(run);
  const history = run.history
    .slice(0, HISTORY_ROWS_MAX)
    .map((op) => escapeHtml(judge.describeOperation(op, run.originMs)))
    .join("\n");
  const more =
    run.history.length > HISTORY_ROWS_MAX
      ? `\n… ${run.history.length - HISTORY_ROWS_MAX} more in history.json`
      : "";
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(result.name)}: ${result.verdict}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(result.name)} <span class="${result.verdict}">${result.verdict}</span></h1>
<p>${escapeHtml(result.reason)}</p>
${result.excerpt?.length ? `<pre>${escapeHtml(result.excerpt.join("\n"))}</pre>` : ""}
<p>Seed ${result.seed} · ${(result.durationMs / 1000).toFixed(1)} s · ${result.stats.ops} operations (${result.stats.ok} ok, ${result.stats.fail} failed, ${result.stats.unknown} unknown) · latency p50 ${result.stats.latencyP50Ms} ms, p99 ${result.stats.latencyP99Ms} ms · ${result.stats.rpcsPerOp} peer RPCs per operation</p>
<h2>Properties</h2><table><tr><th>property</th><th>status</th><th>detail</th></tr>${propertyRows(properties)}</table>
<h2>Faults</h2><table><tr><th>at</th><th>event</th></tr>${run.timeline.map((t) => `<tr><td>${at(t.atMs)}</td><td>${escapeHtml(t.description)}</td></tr>`).join("")}</table>
${panel ? `<h2>${escapeHtml(panel.title)}</h2>${panel.html}` : ""}
<h2>Evidence</h2><p>${files}</p>
<h2>Client history</h2><pre><code>${history}${more}</code></pre>
</body></html>`;
  await writeFile(path, html);
  return path;
}
