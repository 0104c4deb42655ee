// The store on Firestore (layout.ts): status changes in transactions, each result created
// once in its subcollection, progress overwritten per scenario, watchers on live listeners.
// The user's files never change after create, so transitions never write them.
import { createHash } from "node:crypto";
import { FieldPath, type Firestore } from "@google-cloud/firestore";
import { decideAdmission, type Admission, type RateRule } from "../../../domain/rate.ts";
import type { ScenarioResult } from "../../../domain/result.ts";
import { assertTransition } from "../../../domain/status.ts";
import { LISTED_FIELDS, type SubmissionListing } from "../../../domain/listing.ts";
import type { Submission } from "../../../domain/submission.ts";
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
import {
  COLLECTIONS,
  PATHS,
  SUBMISSION_FIELDS,
  filesFromSource,
  fromListedDoc,
  fromSubmissionDoc,
  toSubmissionDoc,
  type AdmissionDoc,
  type ListedDoc,
  type ResultDoc,
  type SourceDoc,
  type SubmissionDoc,
} from "./layout.ts";
import { SubmissionWatch } from "./watch.ts";

export interface FirestoreStoreOptions {
  /** The client (see client.ts); `close()` terminates it. */
  firestore: Firestore;
  /** How long a watcher holds each change to put its three listeners' changes in order. */
  watchSettleMs?: number;
  /** A watcher's listener failed for good (permissions, a deleted database). */
  onWatchError?: (submissionId: string, err: Error) => void;
  /** Attempts of a transaction that keeps meeting concurrent writers. */
  transactionAttemptsMax?: number;
}

const WATCH_SETTLE_MS_DEFAULT = 250;
/** The library's default is 5; eight steps may race on one submission after a redelivery. */
const TRANSACTION_ATTEMPTS_MAX_DEFAULT = 20;
/** gRPC status the server answers a create of an existing document with. */
const ALREADY_EXISTS = 6;

export class FirestoreStore implements Store {
  private readonly db: Firestore;
  private readonly settleMs: number;
  private readonly attemptsMax: number;
  private readonly onWatchError: (submissionId: string, err: Error) => void;
  private readonly watches = new Set<SubmissionWatch>();

  constructor(opts: FirestoreStoreOptions) {
    this.db = opts.firestore;
    this.settleMs = opts.watchSettleMs ?? WATCH_SETTLE_MS_DEFAULT;
    this.attemptsMax = opts.transactionAttemptsMax ?? TRANSACTION_ATTEMPTS_MAX_DEFAULT;
    this.onWatchError =
      opts.onWatchError ??
      ((id, err) => process.emitWarning(`watch of submission ${id} stopped: ${err.message}`));
  }

  async create(submission: Submission): Promise<void> {
    const { doc, source } = toSubmissionDoc(submission);
    try {
      await this.db
        .batch()
        .create(this.db.doc(PATHS.submission(submission.id)), plain(doc))
        .create(this.db.doc(PATHS.source(submission.id)), plain(source))
        .commit();
    } catch (err) {
      if ((err as { code?: unknown }).code === ALREADY_EXISTS) {
        throw new SubmissionExistsError(submission.id);
      }
      throw err;
    }
  }

  async get(id: string): Promise<Submission | null> {
    const [doc, source] = await this.db.getAll(
      this.db.doc(PATHS.submission(id)),
      this.db.doc(PATHS.source(id)),
    );
    return doc?.exists ? assemble(doc.data() as SubmissionDoc, source?.data() as SourceDoc) : null;
  }

  /**
   * Reads only the listed fields of the submission documents, never their sources. Each
   * filter has its index (firestore/firestore.indexes.json); Firestore merges them when a
   * query has several.
   */
  async list(query: ListQuery = {}): Promise<SubmissionListing[]> {
    let q = this.db
      .collection(COLLECTIONS.submissions)
      .select(...LISTED_FIELDS)
      .orderBy(SUBMISSION_FIELDS.createdAt, "desc")
      .orderBy(FieldPath.documentId(), "desc");
    if (query.statuses?.length) q = q.where(SUBMISSION_FIELDS.status, "in", query.statuses);
    if (query.ownerId !== undefined) q = q.where(SUBMISSION_FIELDS.ownerId, "==", query.ownerId);
    if (query.problem !== undefined) q = q.where(SUBMISSION_FIELDS.problem, "==", query.problem);
    if (query.verdict !== undefined) q = q.where(SUBMISSION_FIELDS.verdict, "==", query.verdict);
    // The cursor's values in the orderBy's order: creation time, then the document id.
    if (query.after) q = q.startAfter(query.after.createdAt, query.after.id);
    if (query.limit !== undefined) q = q.limit(query.limit);
    const docs = (await q.get()).docs;
    return docs.map((d) => fromListedDoc(d.data() as ListedDoc));
  }

  async transition(
    id: string,
    decide: (current: Submission) => Submission | null,
  ): Promise<TransitionOutcome> {
    const ref = this.db.doc(PATHS.submission(id));
    const sourceRef = this.db.doc(PATHS.source(id));
    return this.db.runTransaction(
      async (t): Promise<TransitionOutcome> => {
        const [doc, source] = await t.getAll(ref, sourceRef);
        if (!doc?.exists) throw new SubmissionNotFoundError(id);
        const current = assemble(doc.data() as SubmissionDoc, source?.data() as SourceDoc);
        const next = decide(current);
        if (next === null || next === current) return { applied: false, submission: current };
        if (next.id !== id) throw new Error(`transition of ${id} returned submission ${next.id}`);
        if (next.status !== current.status) assertTransition(id, current.status, next.status);
        // A full overwrite, so a field the step removed (the claim) is removed here too.
        t.set(ref, plain(toSubmissionDoc(next).doc));
        return { applied: true, submission: next };
      },
      { maxAttempts: this.attemptsMax },
    );
  }

  async putResult(id: string, index: number, result: ScenarioResult): Promise<boolean> {
    const ref = this.db.doc(PATHS.submission(id));
    const resultRef = this.db.doc(PATHS.result(id, index));
    return this.db.runTransaction(
      async (t) => {
        const [doc, existing] = await t.getAll(ref, resultRef);
        if (!doc?.exists) throw new SubmissionNotFoundError(id);
        if (existing?.exists) return false;
        t.create(resultRef, plain({ index, result } satisfies ResultDoc));
        return true;
      },
      { maxAttempts: this.attemptsMax },
    );
  }

  async admit(key: string, rule: RateRule, nowMs: number): Promise<Admission> {
    const hash = createHash("sha256").update(key).digest("hex");
    const ref = this.db.doc(PATHS.admission(hash));
    return this.db.runTransaction(
      async (t) => {
        const doc = await t.get(ref);
        const stored = doc.exists ? (doc.data() as AdmissionDoc).times : [];
        const { admission, times } = decideAdmission(stored, rule, nowMs);
        t.set(ref, { times } satisfies AdmissionDoc);
        return admission;
      },
      { maxAttempts: this.attemptsMax },
    );
  }

  async listResults(id: string): Promise<StoredResult[]> {
    const snap = await this.db.collection(PATHS.results(id)).orderBy("index").get();
    return snap.docs.map((d) => d.data() as ResultDoc);
  }

  async putProgress(id: string, progress: ProgressRecord): Promise<void> {
    await this.db.doc(PATHS.progressOf(id, progress.index)).set(plain(progress));
  }

  watch(id: string, listener: (change: StoreChange) => void): () => void {
    const watch = new SubmissionWatch(this.db, id, listener, this.settleMs, (err) =>
      this.onWatchError(id, err),
    );
    this.watches.add(watch);
    return () => {
      watch.close();
      this.watches.delete(watch);
    };
  }

  async close(): Promise<void> {
    for (const watch of this.watches) watch.close();
    this.watches.clear();
    await this.db.terminate();
  }
}

function assemble(doc: SubmissionDoc, source: SourceDoc | undefined): Submission {
  return { ...fromSubmissionDoc(doc), files: filesFromSource(source) };
}

/** Plain JSON data: no undefined fields, no class instances, which Firestore refuses. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
