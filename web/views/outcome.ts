// The overall verdict as the runs list and a run's header show it: the label ("Wrong answer")
// in the verdict's colour, and "5/8 passed". A submission still in the pipeline has none: its
// status stands in.
import { VERDICT_LABELS, outcomeOf, type SubmissionOutcome } from "../../shared/domain/outcome.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { h } from "../dom.ts";

interface Judged {
  status: SubmissionStatus;
  outcome?: SubmissionOutcome;
  scenarios: string[];
}

/**
 * The stored outcome, or for a run stored before outcomes were (a Firestore document of then)
 * the one its status and results give; none while it is unfinished.
 */
export function outcomeFor(
  s: Judged,
  results?: readonly ScenarioResult[],
): SubmissionOutcome | undefined {
  if (s.outcome) return s.outcome;
  return results ? outcomeOf(s.status, results, s.scenarios.length) : undefined;
}

/** The verdict's label as a badge, or the status while there is no verdict. */
export function verdictBadge(s: Judged, outcome = outcomeFor(s)): HTMLElement {
  return outcome
    ? h(
        "span",
        { class: `badge verdict ${outcome.verdict}`, "data-testid": "outcome" },
        VERDICT_LABELS[outcome.verdict],
      )
    : h("span", { class: `badge ${s.status}`, "data-testid": "outcome" }, s.status);
}

export const passedText = (o: SubmissionOutcome): string => `${o.passed}/${o.total} passed`;
