// The queue's one table. A message is ready (waiting, maybe until available_at for a
// back-off), leased (being handled until lease_until, by lease_owner), done, or dead (it
// failed every attempt; kept so a person can read why).
import type Database from "better-sqlite3";

export type MessageState = "ready" | "leased" | "done" | "dead";

export interface MessageRow {
  seq: number;
  message_id: string;
  topic: string;
  event: string;
  attributes: string;
  state: MessageState;
  attempts: number;
  available_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  last_error: string | null;
  published_at: number;
  finished_at: number | null;
}

export function createQueueSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      message_id TEXT NOT NULL UNIQUE,
      topic TEXT NOT NULL,
      event TEXT NOT NULL,
      attributes TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('ready', 'leased', 'done', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      available_at INTEGER NOT NULL,
      lease_until INTEGER,
      lease_owner TEXT,
      last_error TEXT,
      published_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS messages_due ON messages (topic, state, available_at);
    -- The one process whose workers take this home's messages (LocalQueue.claimWorkers).
    CREATE TABLE IF NOT EXISTS workers (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      owner TEXT NOT NULL,
      pid INTEGER NOT NULL,
      since INTEGER NOT NULL
    );
  `);
}
