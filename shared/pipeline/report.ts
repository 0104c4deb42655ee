// The judge's report of one submission: the summary the CLI prints as JSON (and the table is
// made from), written with every scenario's full result to the run folder's report.json.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { outcomeOf, type SubmissionOutcome } from "../domain/outcome.ts";
import type { ScenarioStats, Verdict } from "../domain/result.ts";
import type { SubmissionStatus } from "../domain/status.ts";
import type { Submission, SubmissionError } from "../domain/submission.ts";
import type { StoredResult } from "../ports/store.ts";

export interface ScenarioSummary {
  name: string;
  verdict: Verdict;
  reason: string;
  durationMs: number;
  stats: ScenarioStats;
  /** The scenario's report.html, once written. */
  reportPath?: string;
}

export interface JudgeSummary {
  submissionId: string;
  status: SubmissionStatus;
  /** The overall verdict (domain/outcome.ts); absent only while the submission is unfinished. */
  outcome?: SubmissionOutcome;
  scenarios: ScenarioSummary[];
  reportPath: string;
  /**
   * Where the time went, from submit to the last stored step: inside the scenarios' own
   * runs (each one's durationMs) and outside them (build, deploy, waits, teardown).
   */
  timing: { totalMs: number; scenariosMs: number; outsideScenariosMs: number };
  /** Why there is no verdict: build diagnostics, the node's log, the pipeline's error. */
  error?: SubmissionError;
}

export function summarize(
  s: Submission,
  results: StoredResult[],
  reportPath: string,
): JudgeSummary {
  const scenarios = results.map(({ result: r }) => ({
    name: r.name,
    verdict: r.verdict,
    reason: r.reason,
    durationMs: r.durationMs,
    stats: r.stats,
    ...(r.evidence.report ? { reportPath: r.evidence.report } : {}),
  }));
  const totalMs = Math.round(s.updatedAt - s.createdAt);
  const scenariosMs = scenarios.reduce((t, x) => t + x.durationMs, 0);
  // A run finished before outcomes were stored has none: it is derived the same way.
  const outcome =
    s.outcome ??
    outcomeOf(
      s.status,
      results.map((r) => r.result),
      s.scenarios.length,
    );
  return {
    submissionId: s.id,
    status: s.status,
    ...(outcome ? { outcome } : {}),
    scenarios,
    reportPath,
    timing: { totalMs, scenariosMs, outsideScenariosMs: Math.max(0, totalMs - scenariosMs) },
    ...(s.error ? { error: s.error } : {}),
  };
}

/** Writes report.json: the summary, the submission (without files) and the full results. */
export async function writeReport(
  summary: JudgeSummary,
  s: Submission,
  results: StoredResult[],
): Promise<void> {
  const { files: _files, claim: _claim, ...submission } = s;
  const body = { ...summary, submission, results: results.map((r) => r.result) };
  await mkdir(dirname(summary.reportPath), { recursive: true });
  await writeFile(summary.reportPath, `${JSON.stringify(body, null, 2)}\n`);
}
