// Opens a SQLite database the way every local adapter wants it: WAL so readers (a watcher in
// another process) never block the writer, and a busy timeout so two processes sharing the
// file wait for each other's write lock instead of failing.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** How long a writer waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // NORMAL is durable across a process crash in WAL mode; only a power loss may lose the
  // last transactions, which at-least-once delivery redoes.
  db.pragma("synchronous = NORMAL");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
