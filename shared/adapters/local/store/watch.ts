// Watching submissions: one poll of the store's change journal serves every watcher, so a
// watcher in another process (the UI server, a second terminal) sees the same changes as one
// in the judge's process, and a thousand open event streams cost one query a poll, not a
// thousand. The judge's own writes wake the feed at once.
import type Database from "better-sqlite3";
import type { StoreChange } from "../../../ports/store.ts";

interface ChangeRow {
  seq: number;
  submission_id: string;
  kind: "submission" | "result" | "progress";
  doc: string;
}

/** Changes read per poll; a feed behind by more catches up over several polls. */
const CHANGES_PER_POLL_MAX = 500;

interface Watcher {
  /** The journal position of the watcher's snapshot: it gets only what came after. */
  fromSeq: number;
  listener: (change: StoreChange) => void;
  closed: boolean;
}

export class ChangeFeed {
  private readonly read: Database.Statement<[number, number], ChangeRow>;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private count = 0;
  /** Everything up to here has been read. */
  private lastSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private woken = false;

  constructor(
    db: Database.Database,
    private readonly pollMs: number,
  ) {
    this.read = db.prepare(
      "SELECT seq, submission_id, kind, doc FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
    );
  }

  /** Delivers the submission's changes after `fromSeq`; returns the unwatch. */
  watch(submissionId: string, fromSeq: number, listener: Watcher["listener"]): () => void {
    const watcher: Watcher = { fromSeq, listener, closed: false };
    if (this.count === 0) {
      // Nothing was watched: what happened meanwhile is no one's.
      this.lastSeq = Math.max(this.lastSeq, fromSeq);
      this.timer = setInterval(() => this.poll(), this.pollMs);
      this.timer.unref();
    }
    this.count += 1;
    const set = this.watchers.get(submissionId) ?? new Set<Watcher>();
    set.add(watcher);
    this.watchers.set(submissionId, set);
    return () => {
      if (watcher.closed) return;
      watcher.closed = true;
      set.delete(watcher);
      if (set.size === 0) this.watchers.delete(submissionId);
      this.count -= 1;
      if (this.count === 0) this.stop();
    };
  }

  /** A write of this process: read it on the next turn, once however many writes. */
  wake(): void {
    if (this.count === 0 || this.woken) return;
    this.woken = true;
    setImmediate(() => {
      this.woken = false;
      this.poll();
    });
  }

  poll(): void {
    if (this.count === 0) return;
    for (const row of this.read.all(this.lastSeq, CHANGES_PER_POLL_MAX)) {
      this.lastSeq = row.seq;
      const watching = this.watchers.get(row.submission_id);
      if (!watching) continue;
      const change = toChange(row);
      for (const w of [...watching]) {
        if (!w.closed && row.seq > w.fromSeq) w.listener(change);
      }
    }
  }

  close(): void {
    for (const set of this.watchers.values()) for (const w of set) w.closed = true;
    this.watchers.clear();
    this.count = 0;
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function toChange(row: ChangeRow): StoreChange {
  const doc = JSON.parse(row.doc);
  const submissionId = row.submission_id;
  if (row.kind === "submission") return { kind: "submission", submission: doc };
  if (row.kind === "result") return { kind: "result", submissionId, stored: doc };
  return { kind: "progress", submissionId, progress: doc };
}
