// What a list of submissions shows of each. Pure and free of imports but types: the web UI's
// Firestore layout (shared/adapters/gcp/store/layout.ts) reads it too.
import type { Submission } from "./submission.ts";

/**
 * The fields a list of submissions shows: where each is and whether its cluster runs, not
 * what it holds (its files, the build record with its log, the error with its log). Stores
 * read only these (Firestore: `select`), so a list costs a few hundred bytes a submission.
 */
export const LISTED_FIELDS = [
  "id",
  "problemId",
  "problem",
  "language",
  "seed",
  "scenarios",
  "status",
  "outcome",
  "createdAt",
  "updatedAt",
  "stageTimes",
  "cluster",
  "claim",
  "tornDownAt",
  "tornDownReason",
  "ownerId",
] as const satisfies readonly (keyof Submission)[];

export type ListedField = (typeof LISTED_FIELDS)[number];

/** A submission as `Store.list` returns it. */
export type SubmissionListing = Pick<Submission, ListedField>;

/** The listed fields of a submission (or of anything holding at least those). */
export function toListing(s: SubmissionListing): SubmissionListing {
  const listing: Partial<Record<ListedField, unknown>> = {};
  for (const field of LISTED_FIELDS) {
    if (s[field] !== undefined) listing[field] = s[field];
  }
  return listing as SubmissionListing;
}

/**
 * Where a page of a list ends: its last submission's creation time and id, the list's own
 * order (newest first, the id breaking ties). The next page starts after it, so submissions
 * made meanwhile (newer, at the top) never shift the pages still to come.
 */
export interface ListCursor {
  createdAt: number;
  id: string;
}

export function cursorOf(s: Pick<SubmissionListing, "createdAt" | "id">): ListCursor {
  return { createdAt: s.createdAt, id: s.id };
}
