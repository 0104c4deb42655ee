// How `runs` and `show` write an overall verdict: its one-line form, coloured by kind.
import { describeOutcome, type SubmissionOutcome } from "../../shared/domain/outcome.ts";
import type { Paint, Style } from "../colour.ts";

const STYLES: Record<SubmissionOutcome["verdict"], Style> = {
  accepted: "green",
  wrong_answer: "red",
  inconclusive: "yellow",
  build_error: "yellow",
  deploy_error: "yellow",
  judge_error: "red",
};

export function verdictText(outcome: SubmissionOutcome | undefined, paint: Paint): string {
  return outcome ? paint(STYLES[outcome.verdict], describeOutcome(outcome)) : "-";
}
