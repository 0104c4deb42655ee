// `clusterjudge show <id>`: one run's verdict table (as `judge` ended), its overall verdict,
// and the paths to its reports, the one to open first last.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import type { JudgeHome } from "../../shared/pipeline/home.ts";
import { summarize } from "../../shared/pipeline/report.ts";
import { RUN_REPORT_HTML, reportToOpen } from "../../shared/pipeline/run-links.ts";
import { formatFailure, formatVerdictTable } from "../../shared/pipeline/verdict-table.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import { paintFor } from "../colour.ts";
import { findRun, outcomeFrom, withStore } from "./store.ts";
import { verdictText } from "./verdict-style.ts";

export async function showRun(home: JudgeHome, key: string, json: boolean): Promise<number> {
  const shown = await withStore(home, undefined, async (store) => {
    const found = await findRun(home, store, key);
    if ("error" in found) return found;
    const s = found.submission;
    const stored = await store.listResults(s.id);
    return {
      summary: summarize(s, stored, home.reportPath(s.id)),
      outcome: outcomeFrom(s, stored),
      results: stored.map((r) => r.result),
    };
  });
  if (!shown || "error" in shown) {
    process.stderr.write(`error: ${shown?.error ?? `no runs yet in ${home.root}`}\n`);
    return EXIT_CODES.usage;
  }
  const { summary, outcome, results } = shown;
  const reports = reportFiles(summary.reportPath, results);
  const open = reportToOpen(summary.reportPath, results);
  if (json) {
    const line = { ...summary, ...(outcome ? { outcome } : {}), reports, open };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  }
  const paint = paintFor(process.stdout);
  const lines = [
    ...formatFailure(summary),
    formatVerdictTable(summary),
    `verdict: ${verdictText(outcome, paint)}${outcome?.firstFailure ? `: ${outcome.firstFailure.scenario} failed: ${outcome.firstFailure.reason}` : ""}`,
    "reports:",
    ...reports.map((r) => `  ${r}`),
    `open: ${paint("bold", open)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** Every report of the run that exists: the run's, then each scenario's pages. */
function reportFiles(reportPath: string, results: readonly ScenarioResult[]): string[] {
  const files = [reportPath, join(dirname(reportPath), RUN_REPORT_HTML)];
  for (const r of results) files.push(r.evidence.report ?? "", r.evidence.counterexample ?? "");
  return files.filter((f) => f && existsSync(f));
}
