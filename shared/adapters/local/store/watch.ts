// Watching one submission: a poll of the store's change journal from a sequence number, so
// a watcher in another process (the UI server, a second terminal) sees the same changes as
// one in the judge's process. The judge's own writes wake its watchers at once.
import type Database from "better-sqlite3";
import type { StoreChange } from "../../../ports/store.ts";

interface ChangeRow {
  seq: number;
  kind: "submission" | "result" | "progress";
  doc: string;
}

/** Changes read per poll; a watcher behind by more catches up over several polls. */
const CHANGES_PER_POLL_MAX = 500;

export class ChangePoller {
  private readonly read: Database.Statement<[string, number, number], ChangeRow>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    db: Database.Database,
    private readonly submissionId: string,
    private lastSeq: number,
    private readonly listener: (change: StoreChange) => void,
    pollMs: number,
  ) {
    this.read = db.prepare(
      "SELECT seq, kind, doc FROM changes WHERE submission_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    );
    this.timer = setInterval(() => this.poll(), pollMs);
    this.timer.unref();
  }

  poll(): void {
    if (this.closed) return;
    for (const row of this.read.all(this.submissionId, this.lastSeq, CHANGES_PER_POLL_MAX)) {
      this.lastSeq = row.seq;
      this.listener(toChange(this.submissionId, row));
      if (this.closed) return;
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}

function toChange(submissionId: string, row: ChangeRow): StoreChange {
  const doc = JSON.parse(row.doc);
  if (row.kind === "submission") return { kind: "submission", submission: doc };
  if (row.kind === "result") return { kind: "result", submissionId, stored: doc };
  return { kind: "progress", submissionId, progress: doc };
}
