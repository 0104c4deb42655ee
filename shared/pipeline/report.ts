// The judge's report of one submission: the summary the CLI prints as JSON (and the table is
// made from), written with every scenario's full result to the run folder's report.json.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
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
}

export interface JudgeSummary {
  submissionId: string;
  status: SubmissionStatus;
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
  }));
  const totalMs = Math.round(s.updatedAt - s.createdAt);
  const scenariosMs = scenarios.reduce((t, x) => t + x.durationMs, 0);
  return {
    submissionId: s.id,
    status: s.status,
    scenarios,
    reportPath,
    timing: { totalMs, scenariosMs, outsideScenariosMs: Math.max(0, totalMs - scenariosMs) },
    ...(s.error ? { error: s.error } : {}),
  };
}

/**
 * 0: every scenario passed. 1: a scenario failed or was inconclusive ("unknown" is not a
 * pass: the judge could not show the run was correct). 2: no verdict, because the build, the
 * deploy or the judge itself failed.
 */
export function exitCodeFor(summary: JudgeSummary): 0 | 1 | 2 {
  if (summary.status !== "completed") return 2;
  return summary.scenarios.every((x) => x.verdict === "pass") ? 0 : 1;
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
