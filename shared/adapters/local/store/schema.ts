// The store's tables. `changes` is an append-only journal of every write, read by watchers
// (in this process or another) by sequence number. `admissions` holds each rate-limited
// key's times admitted within its window (domain/rate.ts).
import type Database from "better-sqlite3";

export function createStoreSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS submissions (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS submissions_status ON submissions (status, created_at);
    CREATE TABLE IF NOT EXISTS results (
      submission_id TEXT NOT NULL,
      idx INTEGER NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (submission_id, idx)
    );
    CREATE TABLE IF NOT EXISTS changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      submission_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('submission', 'result', 'progress')),
      doc TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS changes_submission ON changes (submission_id, seq);
    CREATE TABLE IF NOT EXISTS admissions (
      key TEXT PRIMARY KEY,
      times TEXT NOT NULL
    );
  `);
}
