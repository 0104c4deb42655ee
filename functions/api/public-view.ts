// What the API shows of stored documents: no step claims, no folders of the machine that
// built or ran them, and evidence as URLs of this API instead of where the files are kept.
import type { SubmissionListing } from "../../shared/domain/listing.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { SubmissionSummary } from "../../shared/domain/submission.ts";
import type { StoredResult } from "../../shared/ports/store.ts";

export const API_BASE = "/api/distributed";

export type PublicSubmission = Omit<SubmissionSummary, "claim" | "build"> & {
  build?: { log: string[] };
};

/** A submission as the list shows it: its listed fields, without the step's claim. */
export type PublicListing = Omit<SubmissionListing, "claim">;

export interface PublicResult {
  index: number;
  result: ScenarioResult;
}

export function publicSubmission(s: SubmissionSummary): PublicSubmission {
  const { claim: _claim, build, ...rest } = s;
  // Files are never part of the summary, but a full document may be passed in.
  const { files: _files, ...shown } = rest as typeof rest & { files?: unknown };
  return build ? { ...shown, build: { log: build.log } } : shown;
}

export function publicListing(s: SubmissionListing): PublicListing {
  const { claim: _claim, ...shown } = s;
  return shown;
}

export function evidenceUrl(submissionId: string, index: number, kind: string): string {
  return `${API_BASE}/submissions/${encodeURIComponent(submissionId)}/tests/${index}/evidence/${kind}`;
}

export function publicResult(submissionId: string, stored: StoredResult): PublicResult {
  const { evidence } = stored.result;
  const url = (kind: string) => evidenceUrl(submissionId, stored.index, kind);
  const shown: ScenarioResult["evidence"] = {};
  if (evidence.history) shown.history = url("history");
  if (evidence.messages) shown.messages = url("messages");
  if (evidence.faults) shown.faults = url("faults");
  if (evidence.report) shown.report = url("report");
  if (evidence.counterexample) shown.counterexample = url("counterexample");
  if (evidence.logs) {
    shown.logs = Object.fromEntries(
      Object.keys(evidence.logs).map((node) => [node, url(`logs/${encodeURIComponent(node)}`)]),
    );
  }
  return { index: stored.index, result: { ...stored.result, evidence: shown } };
}
