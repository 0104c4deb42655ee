// The verdict table the CLI prints on stdout, ending with the overall verdict in words, and
// the failure text when the build, the deploy or the judge failed.
import { printable } from "./printable.ts";
import { formatDiagnostic } from "../domain/build.ts";
import { VERDICT_LABELS, type SubmissionOutcome } from "../domain/outcome.ts";
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
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const { totalMs, scenariosMs, outsideScenariosMs } = summary.timing;
  const time = rows.length
    ? ` in ${s(totalMs)} (${s(scenariosMs)} in scenarios, ${s(outsideScenariosMs)} outside them)`
    : "";
  return [
    ...table,
    `${summary.submissionId}: ${summary.status}${time}`,
    ...(summary.outcome ? [verdictLine(summary.outcome)] : []),
    `report: ${summary.reportPath}`,
  ].join("\n");
}

/**
 * The overall verdict in one line, what a learner reads first: "Wrong answer: 5/8 passed;
 * first failure network_partition: <reason>".
 */
export function verdictLine(o: SubmissionOutcome): string {
  const line = `${VERDICT_LABELS[o.verdict]}: ${o.passed}/${o.total} passed`;
  const first = o.firstFailure;
  return printable(first ? `${line}; first failure ${first.scenario}: ${first.reason}` : line);
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
