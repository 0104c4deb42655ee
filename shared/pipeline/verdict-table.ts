// The verdict table the CLI prints on stdout, and the failure text when there is no verdict.
import { printable } from "./printable.ts";
import { formatDiagnostic } from "../domain/build.ts";
import type { JudgeSummary } from "./report.ts";

const COLUMNS = [
  "scenario",
  "verdict",
  "time",
  "ops",
  "ok",
  "fail",
  "unknown",
  "p50",
  "p99",
  "rpc/op",
  "reason",
];

export function formatVerdictTable(summary: JudgeSummary): string {
  const rows = summary.scenarios.map((x) => [
    x.name,
    x.verdict.toUpperCase(),
    `${(x.durationMs / 1000).toFixed(1)} s`,
    String(x.stats.ops),
    String(x.stats.ok),
    String(x.stats.fail),
    String(x.stats.unknown),
    `${Math.round(x.stats.latencyP50Ms)} ms`,
    `${Math.round(x.stats.latencyP99Ms)} ms`,
    x.stats.rpcsPerOp.toFixed(1),
    printable(x.reason),
  ]);
  const table = rows.length ? aligned([COLUMNS, ...rows]) : [];
  const passed = summary.scenarios.filter((x) => x.verdict === "pass").length;
  const tally = rows.length ? `, ${passed} of ${rows.length} scenarios passed` : "";
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const { totalMs, scenariosMs, outsideScenariosMs } = summary.timing;
  const time = rows.length
    ? ` in ${s(totalMs)} (${s(scenariosMs)} in scenarios, ${s(outsideScenariosMs)} outside them)`
    : "";
  return [
    ...table,
    `${summary.submissionId}: ${summary.status}${tally}${time}`,
    `report: ${summary.reportPath}`,
  ].join("\n");
}

/** The error behind a submission without a verdict, as lines a person can act on. */
export function formatFailure(summary: JudgeSummary): string[] {
  const error = summary.error;
  if (!error) return [];
  const lines = [`${error.stage} failed: ${error.message}`];
  for (const d of error.diagnostics ?? []) lines.push(`  ${formatDiagnostic(d)}`);
  if (error.stage !== "build" && error.log?.length) {
    lines.push("  log:", ...error.log.map((l) => `    ${l}`));
  }
  return lines.map(printable);
}

/** Columns padded to their widest cell; the last column is left ragged. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) =>
    r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  "),
  );
}
