// What `clusterjudge judge` and `clusterjudge resume` do, apart from parsing their options:
// run the local pipeline in this process, show the live view on stderr, and end with the
// verdict table (or one JSON line) on stdout and an exit status (domain/outcome.ts EXIT_CODES).
import { dirname } from "node:path";
import { writeRunReport } from "../../harness/report-html.ts";
import { SubmissionInputError } from "../domain/submission.ts";
import type { ClusterPort } from "../ports/cluster.ts";
import type { ScenarioRunner } from "../ports/scenarios.ts";
import type { JudgeHome } from "./home.ts";
import { LiveView } from "./live-view.ts";
import { LocalPipeline } from "./local-pipeline.ts";
import { readSubmissionDir } from "./read-submission-dir.ts";
import { EXIT_CODES, exitCodeOf, type ExitCode } from "../domain/outcome.ts";
import { summarize, writeReport, type JudgeSummary } from "./report.ts";
import { reportToOpen } from "./run-links.ts";
import { formatFailure, formatVerdictTable } from "./verdict-table.ts";

export interface JudgeIo {
  out(line: string): void;
  err(line: string): void;
}

export interface JudgeEnvironment {
  home: JudgeHome;
  cluster: ClusterPort;
  scenarios: ScenarioRunner;
  io: JudgeIo;
}

export interface JudgeRequest {
  dir: string;
  problem: string;
  language: string;
  scenarios: string[];
  seed?: number;
  json: boolean;
}

export async function runJudge(req: JudgeRequest, env: JudgeEnvironment): Promise<number> {
  let input;
  try {
    const { files, skipped } = readSubmissionDir(req.dir);
    for (const s of skipped) env.io.err(`skipped ${s}`);
    input = {
      problem: req.problem,
      language: req.language,
      files,
      ...(req.seed === undefined ? {} : { seed: req.seed }),
      ...(req.scenarios.length ? { scenarios: req.scenarios } : {}),
    };
  } catch (err) {
    return refused(err, env.io);
  }
  const pipeline = new LocalPipeline({ ...env, warn: (m) => env.io.err(`warning: ${m}`) });
  try {
    const earlier = await pipeline.unfinished();
    if (earlier.length) env.io.err(`finishing ${earlier.length} earlier submission(s) first`);
    await pipeline.requeueQueued();
    let submission;
    try {
      submission = await pipeline.accept(input);
    } catch (err) {
      return refused(err, env.io);
    }
    const { holders } = await pipeline.slots.standing();
    if (holders >= pipeline.slotCount) {
      env.io.err(
        `waiting for a slot: all ${pipeline.slotCount} are judging other submissions (CLUSTERJUDGE_CLUSTERS sets how many)`,
      );
    }
    pipeline.start();
    const { summary, open } = await follow(pipeline, submission.id, env);
    report(summary, open, req.json, env.io);
    return exitCodeFor(summary);
  } finally {
    await pipeline.close();
  }
}

/** Finishes every submission the store holds unfinished; the worst exit status wins. */
export async function runResume(json: boolean, env: JudgeEnvironment): Promise<number> {
  const pipeline = new LocalPipeline({ ...env, warn: (m) => env.io.err(`warning: ${m}`) });
  try {
    await pipeline.requeueQueued();
    const unfinished = await pipeline.unfinished();
    if (unfinished.length === 0) {
      env.io.err("nothing to resume: every submission in the store is finished");
      return 0;
    }
    pipeline.start();
    let code = 0;
    for (const s of unfinished) {
      env.io.err(`resuming ${s.id} (${s.status})`);
      const { summary, open } = await follow(pipeline, s.id, env);
      report(summary, open, json, env.io);
      code = Math.max(code, exitCodeFor(summary));
    }
    return code;
  } finally {
    await pipeline.close();
  }
}

/** Shows the submission live until it is finished; writes its report; returns it and the
 * page to open. */
async function follow(pipeline: LocalPipeline, id: string, env: JudgeEnvironment) {
  const view = new LiveView(pipeline.store, id, env.io.err);
  try {
    const final = await pipeline.waitFor(id);
    const results = await pipeline.store.listResults(id);
    const summary = summarize(final, results, env.home.reportPath(id));
    await writeReport(summary, final, results);
    await writeRunReport(
      dirname(summary.reportPath),
      final,
      results.map((r) => r.result),
    );
    return {
      summary,
      open: reportToOpen(
        summary.reportPath,
        results.map((r) => r.result),
      ),
    };
  } finally {
    view.close();
  }
}

/** The table (or JSON line), then the report to open as the last line (stderr with --json). */
function report(summary: JudgeSummary, open: string, json: boolean, io: JudgeIo): void {
  for (const line of formatFailure(summary)) io.err(line);
  io.out(json ? JSON.stringify(summary) : formatVerdictTable(summary));
  (json ? io.err : io.out)(`open: ${open}`);
}

/** A followed submission is finished, so it has an outcome; without one the judge failed. */
function exitCodeFor(summary: JudgeSummary): ExitCode {
  return exitCodeOf(summary.outcome?.verdict ?? "judge_error");
}

function refused(err: unknown, io: JudgeIo): number {
  if (!(err instanceof SubmissionInputError)) throw err;
  io.err(err.message);
  return EXIT_CODES.usage;
}
