// Where the Firestore store keeps each part of a submission, and the shape of every document.
// Pure (no Node imports): the web UI's live listeners and the security rules read the same
// layout as the server's FirestoreStore.
//
//   submissions/{id}                   SubmissionDoc: the summary (no files) and its owner
//   submissions/{id}/results/{index}   ResultDoc: one scenario's result, written once
//   submissions/{id}/progress/{index}  ProgressDoc: the running scenario's live progress
//   submissions/{id}/source/files      SourceDoc: the user's files, read by the build only
//   admissions/{key hash}              AdmissionDoc: a user's recent submission times (rate)
//
// The files sit apart so a listener on the submission gets a few kilobytes per change, not
// the whole source. Every document under a submission inherits its owner from the parent
// (firestore/firestore.rules reads `ownerId` there).
import type { ScenarioResult } from "../../../domain/result.ts";
import { toListing, type ListedField, type SubmissionListing } from "../../../domain/listing.ts";
import type { Submission, SubmissionSummary } from "../../../domain/submission.ts";
import type { ProgressRecord } from "../../../ports/store.ts";

export const COLLECTIONS = {
  submissions: "submissions",
  results: "results",
  progress: "progress",
  source: "source",
  admissions: "admissions",
} as const;

/** The one document of the `source` subcollection. */
export const SOURCE_DOC_ID = "files";

/** Document and collection paths, relative to the database root. */
export const PATHS = {
  submission: (id: string) => `${COLLECTIONS.submissions}/${id}`,
  results: (id: string) => `${COLLECTIONS.submissions}/${id}/${COLLECTIONS.results}`,
  result: (id: string, index: number) => `${PATHS.results(id)}/${index}`,
  progress: (id: string) => `${COLLECTIONS.submissions}/${id}/${COLLECTIONS.progress}`,
  progressOf: (id: string, index: number) => `${PATHS.progress(id)}/${index}`,
  source: (id: string) => `${COLLECTIONS.submissions}/${id}/${COLLECTIONS.source}/${SOURCE_DOC_ID}`,
  /** By a hash of the key: any key is a valid document id, and the id says nothing. */
  admission: (keyHash: string) => `${COLLECTIONS.admissions}/${keyHash}`,
} as const;

/** `admissions/{key hash}`: the times admitted within the rule's window (domain/rate.ts). */
export interface AdmissionDoc {
  times: number[];
}

/**
 * `submissions/{id}`: every field of the submission but its files, at the top level so the
 * UI and queries read `status`, `createdAt`, `updatedAt`, `stageTimes`... directly.
 * Timestamps are epoch milliseconds, as in the domain.
 */
export type SubmissionDoc = Omit<SubmissionSummary, "ownerId"> & {
  /**
   * The user who may read this submission (Firebase Auth uid), or null when it came from
   * somewhere without users (the CLI): then only the server reads it.
   */
  ownerId: string | null;
};

/** `submissions/{id}/results/{index}`: the document id is the index in decimal. */
export interface ResultDoc {
  index: number;
  result: ScenarioResult;
}

/** `submissions/{id}/progress/{index}`: overwritten as the scenario at `index` runs. */
export type ProgressDoc = ProgressRecord;

/** `submissions/{id}/source/files`: a list, since paths are not usable as field names. */
export interface SourceDoc {
  files: { path: string; text: string }[];
}

/** The fields queries filter and order on (see firestore/firestore.indexes.json). */
export const SUBMISSION_FIELDS = {
  ownerId: "ownerId",
  status: "status",
  problem: "problem",
  /** The overall verdict, inside the outcome map (absent before the end). */
  verdict: "outcome.verdict",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
} as const;

/** The owner a submission carries, if the entry point put one on it. */
export function ownerIdOf(s: Submission | SubmissionSummary): string | null {
  return s.ownerId ? s.ownerId : null;
}

export function toSubmissionDoc(s: Submission): { doc: SubmissionDoc; source: SourceDoc } {
  const { files, ...summary } = s;
  const source = { files: Object.entries(files).map(([path, text]) => ({ path, text })) };
  return { doc: { ...summary, ownerId: ownerIdOf(s) }, source };
}

/** The summary back from its document: `ownerId` stays only when there is one. */
export function fromSubmissionDoc(doc: SubmissionDoc): SubmissionSummary {
  const { ownerId, ...summary } = doc;
  return ownerId === null ? summary : { ...summary, ownerId };
}

/** What a list reads of `submissions/{id}`: the listed fields only (a `select`). */
export type ListedDoc = Pick<SubmissionDoc, ListedField>;

export function fromListedDoc(doc: ListedDoc): SubmissionListing {
  const { ownerId, ...listed } = doc;
  return toListing(ownerId === null ? listed : { ...listed, ownerId });
}

export function filesFromSource(source: SourceDoc | undefined): Record<string, string> {
  return Object.fromEntries((source?.files ?? []).map((f) => [f.path, f.text]));
}
