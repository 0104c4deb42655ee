// The overall verdict of a submission: what a learner reads first. The status is where the
// pipeline is; the outcome is what it found. Pure: every store, route, view and the CLI
// derive theirs from `outcomeOf`, and every exit status from `exitCodeOf`.
import type { ScenarioResult } from "./result.ts";
import type { SubmissionStatus } from "./status.ts";

export const OVERALL_VERDICTS = [
  "accepted",
  "wrong_answer",
  "inconclusive",
  "build_error",
  "deploy_error",
  "judge_error",
] as const;
export type OverallVerdict = (typeof OVERALL_VERDICTS)[number];

/** How each verdict is written for people (tables, badges, the report). */
export const VERDICT_LABELS: Readonly<Record<OverallVerdict, string>> = {
  accepted: "Accepted",
  wrong_answer: "Wrong answer",
  inconclusive: "Inconclusive",
  build_error: "Build error",
  deploy_error: "Deploy error",
  judge_error: "Judge error",
};

export interface SubmissionOutcome {
  verdict: OverallVerdict;
  /** Scenarios that passed, of `total` the submission asked for. */
  passed: number;
  total: number;
  /** wrong_answer: the first failing scenario in run order and why it failed. */
  firstFailure?: { scenario: string; reason: string };
}

/**
 * The outcome of a submission in a terminal status, from its results in run order; none
 * while it is still in the pipeline. A failed scenario outweighs every other result (it is
 * evidence against the submission); then a scenario the judge itself botched (nothing is
 * claimed); then one without evidence either way; accepted only when every asked-for scenario
 * passed.
 */
export function outcomeOf(
  status: SubmissionStatus,
  results: readonly ScenarioResult[],
  total: number,
): SubmissionOutcome | undefined {
  const passed = results.filter((r) => r.verdict === "pass").length;
  const base = { passed, total };
  switch (status) {
    case "build_failed":
      return { verdict: "build_error", ...base };
    case "deploy_failed":
      return { verdict: "deploy_error", ...base };
    case "failed":
      return { verdict: "judge_error", ...base };
    case "completed":
      return completedOutcome(results, base);
    default:
      return undefined;
  }
}

function completedOutcome(
  results: readonly ScenarioResult[],
  base: { passed: number; total: number },
): SubmissionOutcome {
  const failed = results.find((r) => r.verdict === "fail");
  if (failed) {
    return {
      verdict: "wrong_answer",
      ...base,
      firstFailure: { scenario: failed.name, reason: failed.reason },
    };
  }
  if (results.some((r) => r.verdict === "error")) return { verdict: "judge_error", ...base };
  // A missing result is no evidence: completed with fewer results than asked is not a pass.
  if (base.passed < base.total) return { verdict: "inconclusive", ...base };
  return { verdict: "accepted", ...base };
}

/**
 * Exit statuses of every command that ends in a verdict (judge, resume, check). One table so
 * `--help`, the README and the code agree.
 */
export const EXIT_CODES = {
  accepted: 0,
  /** A scenario failed, or the judge could not show the run correct (inconclusive). */
  rejected: 1,
  usage: 2,
  /** The user's own build or deploy failed: fix the submission. */
  submissionError: 3,
  /** The judge itself failed: not the user's fault, report it. */
  judgeError: 4,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export function exitCodeOf(verdict: OverallVerdict): ExitCode {
  switch (verdict) {
    case "accepted":
      return EXIT_CODES.accepted;
    case "wrong_answer":
    case "inconclusive":
      return EXIT_CODES.rejected;
    case "build_error":
    case "deploy_error":
      return EXIT_CODES.submissionError;
    case "judge_error":
      return EXIT_CODES.judgeError;
  }
}

/** "Wrong answer (5/8 passed)": the one-line form of tables, badges and titles. */
export function describeOutcome(o: SubmissionOutcome): string {
  return `${VERDICT_LABELS[o.verdict]} (${o.passed}/${o.total} passed)`;
}
