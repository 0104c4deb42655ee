// What a person opens after a run: the report that shows the most (the first failing
// scenario's page, else the run's page), and runs/latest in the judge home, a link to the
// newest run's folder.
import { existsSync } from "node:fs";
import { mkdir, rename, symlink, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ScenarioResult } from "../domain/result.ts";
import type { JudgeHome } from "./home.ts";

/** The run folder's own page, beside report.json (harness/report-html.ts writes scenarios'). */
export const RUN_REPORT_HTML = "report.html";
/** runs/latest: named like a run's folder, so home.runDir(LATEST_LINK) is its path. */
export const LATEST_LINK = "latest";

/**
 * The report to open first: the report.html of the first scenario that failed, else of the
 * first that did not pass (inconclusive, judge error); else the run's report.html; else the
 * first scenario's page that exists; report.json when there is no page (the build or deploy
 * failed before any scenario ran).
 */
export function reportToOpen(reportPath: string, results: readonly ScenarioResult[]): string {
  const page = (r: ScenarioResult | undefined) =>
    r?.evidence.report && existsSync(r.evidence.report) ? r.evidence.report : undefined;
  const runPage = join(dirname(reportPath), RUN_REPORT_HTML);
  return (
    page(results.find((r) => r.verdict === "fail")) ??
    page(results.find((r) => r.verdict !== "pass")) ??
    (existsSync(runPage) ? runPage : undefined) ??
    results.map(page).find((p) => p !== undefined) ??
    reportPath
  );
}

/** Points runs/latest at this run's folder; replaced in one rename, so it is never absent. */
export async function markLatestRun(home: JudgeHome, submissionId: string): Promise<void> {
  const runs = dirname(home.runDir(submissionId));
  await mkdir(runs, { recursive: true });
  const temp = join(runs, `.${LATEST_LINK}-${process.pid}-${Date.now()}`);
  await symlink(submissionId, temp);
  try {
    await rename(temp, home.runDir(LATEST_LINK));
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
