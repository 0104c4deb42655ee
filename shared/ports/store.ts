// The store port: submissions, their scenario results and live progress. The local adapter
// is SQLite; the cloud adapter is Firestore. Every status change goes through `transition`,
// one transaction, so two deliveries of one event cannot both make the same change.
import type { Admission, RateRule } from "../domain/rate.ts";
import type { ScenarioResult } from "../domain/result.ts";
import type { SubmissionStatus } from "../domain/status.ts";
import type { ListCursor, SubmissionListing } from "../domain/listing.ts";
import type { OverallVerdict } from "../domain/outcome.ts";
import type { Submission, SubmissionSummary } from "../domain/submission.ts";
import type { ScenarioProgress } from "./scenarios.ts";

export interface StoredResult {
  /** The scenario's position in `submission.scenarios`. */
  index: number;
  result: ScenarioResult;
}

/** Progress of the running scenario, as the live view shows it. */
export interface ProgressRecord extends ScenarioProgress {
  index: number;
  atMs: number;
}

/**
 * One change a watcher sees. Submissions come without their files (they never change and
 * may be large); a change of the step's claim alone is not shown.
 */
export type StoreChange =
  | { kind: "submission"; submission: SubmissionSummary }
  | { kind: "result"; submissionId: string; stored: StoredResult }
  | { kind: "progress"; submissionId: string; progress: ProgressRecord };

export interface TransitionOutcome {
  /** False when `decide` declined: nothing was written. */
  applied: boolean;
  /** The submission as stored after the transaction. */
  submission: Submission;
}

export interface ListQuery {
  statuses?: SubmissionStatus[];
  ownerId?: string;
  /** Only submissions to this problem (its slug). */
  problem?: string;
  /** Only submissions whose outcome has this verdict: none still in the pipeline. */
  verdict?: OverallVerdict;
  /** Only submissions after this one in the list's order: the next page. */
  after?: ListCursor;
  limit?: number;
}

export interface Store {
  /** Stores a new submission; rejects with SubmissionExistsError if the id is taken. */
  create(submission: Submission): Promise<void>;
  get(id: string): Promise<Submission | null>;
  /**
   * Submissions, newest first (by creation time, then id), optionally only those matching
   * every filter of the query and after its cursor: their listed fields only
   * (domain/listing.ts LISTED_FIELDS), never files or logs.
   */
  list(query?: ListQuery): Promise<SubmissionListing[]>;
  /**
   * Reads the submission and writes what `decide` returns, in one transaction. `decide` is
   * pure (it may run more than once when a transaction retries) and returns null to write
   * nothing. A status change must be legal (domain/status.ts) or the transaction fails with
   * IllegalTransitionError. Rejects with SubmissionNotFoundError for an unknown id.
   */
  transition(
    id: string,
    decide: (current: Submission) => Submission | null,
  ): Promise<TransitionOutcome>;
  /**
   * Counts one admission for `key` (a user) at `nowMs` under `rule`, in one transaction, so
   * that every process and function instance sharing the store shares the count: admitted
   * when fewer than `rule.limit` were admitted in the window ending now.
   */
  admit(key: string, rule: RateRule, nowMs: number): Promise<Admission>;
  /** Stores a scenario's result unless one is stored at that index; true when stored now. */
  putResult(id: string, index: number, result: ScenarioResult): Promise<boolean>;
  /** The stored results, by index. */
  listResults(id: string): Promise<StoredResult[]>;
  putProgress(id: string, progress: ProgressRecord): Promise<void>;
  /**
   * Calls `listener` with the submission as it is and its stored results (nothing while it
   * does not exist), then with every later change to it, its results and its progress, in
   * order, until the returned function is called.
   */
  watch(id: string, listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}

export class SubmissionNotFoundError extends Error {
  constructor(readonly submissionId: string) {
    super(`no submission ${submissionId}`);
    this.name = "SubmissionNotFoundError";
  }
}

export class SubmissionExistsError extends Error {
  constructor(readonly submissionId: string) {
    super(`submission ${submissionId} exists already`);
    this.name = "SubmissionExistsError";
  }
}
