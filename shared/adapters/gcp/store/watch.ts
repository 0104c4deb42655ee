// Watching one submission on Firestore: three listeners (the submission document, its
// results, its progress), merged into one stream in commit order. The Node client opens one
// stream per listener, so their snapshots may arrive out of step; each change is therefore
// held `settleMs` after it arrives and changes leave in the order of their documents' update
// times. A change that arrives later than that after an earlier commit still goes out, late.
import type {
  DocumentSnapshot,
  Firestore,
  QuerySnapshot,
  Timestamp,
} from "@google-cloud/firestore";
import type { SubmissionSummary } from "../../../domain/submission.ts";
import type { ProgressRecord, StoreChange } from "../../../ports/store.ts";
import { fromSubmissionDoc, PATHS, type ResultDoc, type SubmissionDoc } from "./layout.ts";

interface Pending {
  change: StoreChange;
  committed: Timestamp;
  arrivedMs: number;
}

type Source = "submission" | "results" | "progress";

export class SubmissionWatch {
  private readonly unsubscribe: (() => void)[] = [];
  private readonly initialised = new Set<Source>();
  private readonly initial: { submission?: SubmissionSummary; results: StoreChange[] } = {
    results: [],
  };
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastShown: string | undefined;
  private closed = false;

  constructor(
    db: Firestore,
    private readonly id: string,
    private readonly listener: (change: StoreChange) => void,
    private readonly settleMs: number,
    onError: (err: Error) => void,
  ) {
    this.unsubscribe.push(
      db.doc(PATHS.submission(id)).onSnapshot((s) => this.onSubmission(s), onError),
      db
        .collection(PATHS.results(id))
        .orderBy("index")
        .onSnapshot((s) => this.onResults(s), onError),
      db.collection(PATHS.progress(id)).onSnapshot((s) => this.onProgress(s), onError),
    );
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const stop of this.unsubscribe) stop();
  }

  private onSubmission(snap: DocumentSnapshot): void {
    const doc = snap.exists ? (snap.data() as SubmissionDoc) : undefined;
    const summary = doc ? fromSubmissionDoc(doc) : undefined;
    if (!this.initialised.has("submission")) {
      this.initial.submission = summary;
      return this.markInitialised("submission");
    }
    if (summary && snap.updateTime) {
      this.hold({ kind: "submission", submission: summary }, snap.updateTime);
    }
  }

  private onResults(snap: QuerySnapshot): void {
    const changes = snap
      .docChanges()
      .filter((c) => c.type === "added")
      .map((c) => ({
        change: {
          kind: "result" as const,
          submissionId: this.id,
          stored: c.doc.data() as ResultDoc,
        },
        committed: c.doc.updateTime,
      }));
    if (!this.initialised.has("results")) {
      this.initial.results = changes.map((c) => c.change);
      return this.markInitialised("results");
    }
    for (const c of changes) this.hold(c.change, c.committed);
  }

  private onProgress(snap: QuerySnapshot): void {
    // Progress already there when watching starts is old news: only later writes are shown.
    if (!this.initialised.has("progress")) return this.markInitialised("progress");
    for (const c of snap.docChanges()) {
      if (c.type === "removed") continue;
      const progress = c.doc.data() as ProgressRecord;
      this.hold({ kind: "progress", submissionId: this.id, progress }, c.doc.updateTime);
    }
  }

  private markInitialised(source: Source): void {
    this.initialised.add(source);
    if (this.initialised.size < 3) return;
    const { submission, results } = this.initial;
    if (submission) {
      this.show({ kind: "submission", submission });
      for (const r of results) this.show(r);
    }
    this.flush();
  }

  private hold(change: StoreChange, committed: Timestamp): void {
    const at = { change, committed, arrivedMs: Date.now() };
    const i = this.pending.findIndex((p) => compare(p.committed, committed) > 0);
    if (i < 0) this.pending.push(at);
    else this.pending.splice(i, 0, at);
    this.flush();
  }

  /** Shows the oldest held changes whose hold is over; waits for the next one otherwise. */
  private flush(): void {
    clearTimeout(this.timer);
    if (this.closed || this.initialised.size < 3) return;
    const now = Date.now();
    while (this.pending.length > 0 && this.pending[0]!.arrivedMs + this.settleMs <= now) {
      this.show(this.pending.shift()!.change);
      if (this.closed) return;
    }
    const next = this.pending[0];
    if (next) this.timer = setTimeout(() => this.flush(), next.arrivedMs + this.settleMs - now);
  }

  private show(change: StoreChange): void {
    if (this.closed) return;
    if (change.kind === "submission") {
      // A change of the claim alone (and the update time it bumps) is not shown.
      const { claim: _c, updatedAt: _u, ...rest } = change.submission;
      const key = canonical(rest);
      if (key === this.lastShown) return;
      this.lastShown = key;
    }
    this.listener(change);
  }
}

/** JSON with every object's keys sorted: Firestore does not keep a map's key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function compare(a: Timestamp, b: Timestamp): number {
  return a.seconds - b.seconds || a.nanoseconds - b.nanoseconds;
}
