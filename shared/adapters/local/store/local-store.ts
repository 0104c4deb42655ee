// The store on SQLite (better-sqlite3): one row per submission holding its JSON document,
// one per scenario result, and a journal of changes for watchers. better-sqlite3 is
// synchronous, so each transaction runs without interleaving in this process; BEGIN
// IMMEDIATE takes the write lock first, so another process sharing the file waits.
import type Database from "better-sqlite3";
import { decideAdmission, type Admission, type RateRule } from "../../../domain/rate.ts";
import type { ScenarioResult } from "../../../domain/result.ts";
import { assertTransition } from "../../../domain/status.ts";
import { toListing, type SubmissionListing } from "../../../domain/listing.ts";
import { summarize, type Submission } from "../../../domain/submission.ts";
import {
  SubmissionExistsError,
  SubmissionNotFoundError,
  type ListQuery,
  type ProgressRecord,
  type Store,
  type StoreChange,
  type StoredResult,
  type TransitionOutcome,
} from "../../../ports/store.ts";
import { openDatabase } from "./database.ts";
import { backfillOutcomes } from "./backfill.ts";
import { listFilter } from "./list-filter.ts";
import { createStoreSchema } from "./schema.ts";
import { ChangeFeed } from "./watch.ts";

export interface LocalStoreOptions {
  /** The SQLite file; made with its folder if absent. */
  path: string;
  /** How often watchers look for changes written by other processes. */
  pollMs?: number;
}

const POLL_MS_DEFAULT = 200;
/** Progress is only for the live view: older entries are pruned when the store opens. */
const PROGRESS_KEPT_MS = 7 * 24 * 3600_000;

export class LocalStore implements Store {
  private readonly db: Database.Database;
  private readonly feed: ChangeFeed;

  constructor(opts: LocalStoreOptions) {
    this.db = openDatabase(opts.path);
    createStoreSchema(this.db);
    this.feed = new ChangeFeed(this.db, opts.pollMs ?? POLL_MS_DEFAULT);
    backfillOutcomes(this.db);
    this.db
      .prepare("DELETE FROM changes WHERE kind = 'progress' AND at_ms < ?")
      .run(Date.now() - PROGRESS_KEPT_MS);
  }

  async create(submission: Submission): Promise<void> {
    this.db
      .transaction(() => {
        const inserted = this.db
          .prepare(
            "INSERT OR IGNORE INTO submissions (id, status, created_at, doc) VALUES (?, ?, ?, ?)",
          )
          .run(submission.id, submission.status, submission.createdAt, JSON.stringify(submission));
        if (inserted.changes === 0) throw new SubmissionExistsError(submission.id);
        this.journal(submission.id, "submission", summarize(submission));
      })
      .immediate();
    this.wake();
  }

  async get(id: string): Promise<Submission | null> {
    return this.read(id);
  }

  async list(query: ListQuery = {}): Promise<SubmissionListing[]> {
    const { where, params } = listFilter(query);
    // The files are dropped before they leave SQLite: only the summary is parsed.
    const rows = this.db
      .prepare(
        `SELECT json_remove(doc, '$.files') AS doc FROM submissions ${where}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(...params, query.limit ?? -1) as { doc: string }[];
    return rows.map((r) => toListing(JSON.parse(r.doc) as SubmissionListing));
  }

  async transition(
    id: string,
    decide: (current: Submission) => Submission | null,
  ): Promise<TransitionOutcome> {
    const outcome = this.db
      .transaction((): TransitionOutcome => {
        const current = this.read(id);
        if (!current) throw new SubmissionNotFoundError(id);
        const next = decide(current);
        if (next === null || next === current) return { applied: false, submission: current };
        if (next.id !== id) throw new Error(`transition of ${id} returned submission ${next.id}`);
        if (next.status !== current.status) assertTransition(id, current.status, next.status);
        this.db
          .prepare("UPDATE submissions SET status = ?, doc = ? WHERE id = ?")
          .run(next.status, JSON.stringify(next), id);
        if (!onlyClaimChanged(current, next)) this.journal(id, "submission", summarize(next));
        return { applied: true, submission: next };
      })
      .immediate();
    if (outcome.applied) this.wake();
    return outcome;
  }

  async putResult(id: string, index: number, result: ScenarioResult): Promise<boolean> {
    const stored = this.db
      .transaction((): boolean => {
        if (!this.exists(id)) throw new SubmissionNotFoundError(id);
        const inserted = this.db
          .prepare("INSERT OR IGNORE INTO results (submission_id, idx, doc) VALUES (?, ?, ?)")
          .run(id, index, JSON.stringify(result));
        if (inserted.changes === 0) return false;
        this.journal(id, "result", { index, result } satisfies StoredResult);
        return true;
      })
      .immediate();
    if (stored) this.wake();
    return stored;
  }

  async admit(key: string, rule: RateRule, nowMs: number): Promise<Admission> {
    return this.db
      .transaction((): Admission => {
        const row = this.db.prepare("SELECT times FROM admissions WHERE key = ?").get(key) as
          { times: string } | undefined;
        const stored = row ? (JSON.parse(row.times) as number[]) : [];
        const { admission, times } = decideAdmission(stored, rule, nowMs);
        this.db
          .prepare("INSERT OR REPLACE INTO admissions (key, times) VALUES (?, ?)")
          .run(key, JSON.stringify(times));
        return admission;
      })
      .immediate();
  }

  async listResults(id: string): Promise<StoredResult[]> {
    return this.listResultsNow(id);
  }

  async putProgress(id: string, progress: ProgressRecord): Promise<void> {
    this.journal(id, "progress", progress);
    this.wake();
  }

  watch(id: string, listener: (change: StoreChange) => void): () => void {
    // One read transaction: the snapshot and the journal position agree.
    const { initial, lastSeq } = this.db.transaction(() => {
      const submission = this.read(id);
      const lastSeq = (
        this.db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM changes").get() as {
          seq: number;
        }
      ).seq;
      return { initial: submission, lastSeq };
    })();
    const unwatch = this.feed.watch(id, lastSeq, listener);
    if (initial) {
      listener({ kind: "submission", submission: summarize(initial) });
      for (const stored of this.listResultsNow(id)) {
        listener({ kind: "result", submissionId: id, stored });
      }
    }
    return unwatch;
  }

  async close(): Promise<void> {
    this.feed.close();
    this.db.close();
  }

  private read(id: string): Submission | null {
    const row = this.db.prepare("SELECT doc FROM submissions WHERE id = ?").get(id) as
      { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Submission) : null;
  }

  private exists(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM submissions WHERE id = ?").get(id) !== undefined;
  }

  private listResultsNow(id: string): StoredResult[] {
    const rows = this.db
      .prepare("SELECT idx, doc FROM results WHERE submission_id = ? ORDER BY idx")
      .all(id) as { idx: number; doc: string }[];
    return rows.map((r) => ({ index: r.idx, result: JSON.parse(r.doc) as ScenarioResult }));
  }

  private journal(id: string, kind: StoreChange["kind"], doc: unknown): void {
    this.db
      .prepare("INSERT INTO changes (submission_id, kind, doc, at_ms) VALUES (?, ?, ?, ?)")
      .run(id, kind, JSON.stringify(doc), Date.now());
  }

  /** Lets this process's watchers see a write now rather than at their next poll. */
  private wake(): void {
    this.feed.wake();
  }
}

/** True when only the claim and the update time differ: not worth a watcher's attention. */
function onlyClaimChanged(a: Submission, b: Submission): boolean {
  const strip = ({ claim: _c, updatedAt: _u, ...rest }: Submission) => JSON.stringify(rest);
  return strip(a) === strip(b);
}
