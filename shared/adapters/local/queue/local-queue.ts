// A durable queue on SQLite implementing the bus port: messages survive the judge being
// killed, are delivered at least once, retried with exponential back-off, and after the
// last attempt kept as dead letters and forwarded to the dead-letter topic.
import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { DEAD_LETTER_ATTRIBUTES, TOPICS } from "../../../domain/events.ts";
import type {
  Bus,
  Delivery,
  MessageHandler,
  SubscribeOptions,
  Subscription,
} from "../../../ports/bus.ts";
import { openDatabase } from "../store/database.ts";
import { backoffMs, type BackoffPolicy } from "./backoff.ts";
import { leaseOwner, ownerIsGone } from "./lease-owner.ts";
import { createQueueSchema, type MessageRow, type MessageState } from "./schema.ts";
import { TopicWorker } from "./worker.ts";

export interface LocalQueueOptions {
  /** The SQLite file (it may be the store's). */
  path: string;
  /** Deliveries of one message before it becomes a dead letter. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a delivery may run without renewing its lease (renewed every third of it). */
  leaseMs?: number;
  /** How often idle workers look for due messages (back-offs end, other processes publish). */
  pollMs?: number;
  /**
   * Called (after the queue's own write) when a dead-letter message becomes dead itself: its
   * handler failed every attempt, and nothing else will move what it was about.
   */
  onLostDeadLetter?: (event: unknown, lastError: string) => void;
}

export interface DeadLetter {
  messageId: string;
  topic: string;
  event: unknown;
  attributes: Record<string, string>;
  attempts: number;
  lastError: string;
  publishedAtMs: number;
  deadAtMs: number;
}

/** A message being handled: what the worker needs to run, renew and settle it. */
export interface Leased {
  seq: number;
  event: unknown;
  delivery: Delivery;
}

const DEFAULTS = {
  maxAttempts: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  leaseMs: 30_000,
  pollMs: 200,
};
/** A dead letter keeps this much of its last error: enough for a stack's first lines. */
const ERROR_CHARS_MAX = 2_000;

export class LocalQueue implements Bus {
  readonly leaseMs: number;
  readonly pollMs: number;
  private readonly db: Database.Database;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly owner = leaseOwner();
  private readonly workers = new Set<TopicWorker>();
  private readonly onLostDeadLetter: LocalQueueOptions["onLostDeadLetter"];

  constructor(opts: LocalQueueOptions) {
    this.db = openDatabase(opts.path);
    createQueueSchema(this.db);
    this.maxAttempts = opts.maxAttempts ?? DEFAULTS.maxAttempts;
    this.onLostDeadLetter = opts.onLostDeadLetter;
    this.backoff = {
      baseMs: opts.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
      maxMs: opts.backoffMaxMs ?? DEFAULTS.backoffMaxMs,
    };
    this.leaseMs = opts.leaseMs ?? DEFAULTS.leaseMs;
    this.pollMs = opts.pollMs ?? DEFAULTS.pollMs;
    this.releaseOrphanedLeases();
  }

  async publish(topic: string, event: unknown, attributes: Record<string, string> = {}) {
    const messageId = randomUUID();
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO messages (message_id, topic, event, attributes, state, available_at, published_at)
         VALUES (?, ?, ?, ?, 'ready', ?, ?)`,
      )
      .run(messageId, topic, JSON.stringify(event), JSON.stringify(attributes), now, now);
    for (const worker of this.workers) if (worker.topic === topic) worker.wake();
    return messageId;
  }

  subscribe(topic: string, handler: MessageHandler, opts: SubscribeOptions = {}): Subscription {
    if ([...this.workers].some((w) => w.topic === topic)) {
      throw new Error(`topic ${topic} has a subscriber already (one per topic locally)`);
    }
    const worker = new TopicWorker(this, topic, handler, opts.concurrency ?? 1);
    this.workers.add(worker);
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
      },
    };
  }

  /** Leases the topic's next due message, or returns null when none is due. */
  take(topic: string): Leased | null {
    return this.db
      .transaction((): Leased | null => {
        for (;;) {
          const now = Date.now();
          const row = this.db
            .prepare(
              `SELECT * FROM messages WHERE topic = ? AND (
                 (state = 'ready' AND available_at <= ?) OR (state = 'leased' AND lease_until <= ?))
               ORDER BY available_at, seq LIMIT 1`,
            )
            .get(topic, now, now) as MessageRow | undefined;
          if (!row) return null;
          if (row.attempts < this.maxAttempts) return this.lease(row, now);
          // Its last delivery never settled: the judge died, or the handler hung past its lease.
          this.bury(row, row.last_error ?? "the handler did not finish (the judge stopped)", now);
        }
      })
      .immediate();
  }

  /** Keeps a message leased while its handler runs; false when the lease was lost. */
  renew(seq: number): boolean {
    const renewed = this.db
      .prepare(
        "UPDATE messages SET lease_until = ? WHERE seq = ? AND state = 'leased' AND lease_owner = ?",
      )
      .run(Date.now() + this.leaseMs, seq, this.owner);
    return renewed.changes === 1;
  }

  ack(seq: number): void {
    this.db
      .prepare(
        "UPDATE messages SET state = 'done', finished_at = ?, lease_until = NULL WHERE seq = ? AND state = 'leased'",
      )
      .run(Date.now(), seq);
  }

  /** Settles a failed delivery: another attempt after a back-off, or a dead letter. */
  nack(seq: number, error: unknown): void {
    const message = describeError(error);
    this.db
      .transaction(() => {
        const row = this.db.prepare("SELECT * FROM messages WHERE seq = ?").get(seq) as
          MessageRow | undefined;
        if (!row || row.state !== "leased") return;
        const now = Date.now();
        if (row.attempts >= this.maxAttempts) return this.bury(row, message, now);
        this.db
          .prepare(
            "UPDATE messages SET state = 'ready', available_at = ?, lease_until = NULL, last_error = ? WHERE seq = ?",
          )
          .run(now + backoffMs(this.backoff, row.attempts), message, seq);
      })
      .immediate();
  }

  deadLetters(opts: { limit?: number } = {}): DeadLetter[] {
    const rows = this.db
      .prepare("SELECT * FROM messages WHERE state = 'dead' ORDER BY finished_at DESC LIMIT ?")
      .all(opts.limit ?? -1) as MessageRow[];
    return rows.map(toDeadLetter);
  }

  deadLetter(messageId: string): DeadLetter | null {
    const row = this.db
      .prepare("SELECT * FROM messages WHERE state = 'dead' AND message_id = ?")
      .get(messageId) as MessageRow | undefined;
    return row ? toDeadLetter(row) : null;
  }

  /** The submissions that messages still to handle (ready or leased) are about. */
  pendingSubmissionIds(): Set<string> {
    const rows = this.db
      .prepare("SELECT event FROM messages WHERE state IN ('ready', 'leased')")
      .all() as { event: string }[];
    const ids = new Set<string>();
    for (const { event } of rows) {
      const id = (JSON.parse(event) as { submissionId?: unknown }).submissionId;
      if (typeof id === "string") ids.add(id);
    }
    return ids;
  }

  /** How many messages are in each state, for status lines and tests. */
  counts(topic?: string): Record<MessageState, number> {
    const rows = this.db
      .prepare(
        `SELECT state, COUNT(*) AS n FROM messages ${topic ? "WHERE topic = ?" : ""} GROUP BY state`,
      )
      .all(...(topic ? [topic] : [])) as { state: MessageState; n: number }[];
    const counts = { ready: 0, leased: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  /**
   * Makes this queue the home's one consumer, unless a process that still runs is: then
   * that process's pid. Workers of two processes on one home would act on each other's
   * clusters; the claim is released by close(), and a killed holder's is taken over.
   */
  claimWorkers(): { held: true } | { held: false; pid: number } {
    return this.db
      .transaction(() => {
        const row = this.db.prepare("SELECT owner, pid FROM workers WHERE id = 1").get() as
          { owner: string; pid: number } | undefined;
        if (row && row.owner !== this.owner && !ownerIsGone(row.owner)) {
          return { held: false as const, pid: row.pid };
        }
        this.db
          .prepare("INSERT OR REPLACE INTO workers (id, owner, pid, since) VALUES (1, ?, ?, ?)")
          .run(this.owner, process.pid, Date.now());
        return { held: true as const };
      })
      .immediate();
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    this.workers.clear();
    this.db.prepare("DELETE FROM workers WHERE owner = ?").run(this.owner);
    this.db.close();
  }

  private lease(row: MessageRow, now: number): Leased {
    const attempt = row.attempts + 1;
    this.db
      .prepare(
        "UPDATE messages SET state = 'leased', attempts = ?, lease_until = ?, lease_owner = ? WHERE seq = ?",
      )
      .run(attempt, now + this.leaseMs, this.owner, row.seq);
    return {
      seq: row.seq,
      event: JSON.parse(row.event),
      delivery: {
        messageId: row.message_id,
        attempt,
        attributes: JSON.parse(row.attributes),
        publishedAtMs: row.published_at,
      },
    };
  }

  /** Makes the message a dead letter and forwards it to the dead-letter topic. */
  private bury(row: MessageRow, error: string, now: number): void {
    this.db
      .prepare(
        "UPDATE messages SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ? WHERE seq = ?",
      )
      .run(now, error, row.seq);
    if (row.topic === TOPICS.deadLetter) {
      // Outside the caller's transaction: the callback may write to the same database.
      const lost = this.onLostDeadLetter;
      if (lost) setImmediate(() => lost(JSON.parse(row.event) as unknown, error));
      return;
    }
    const attributes = {
      ...JSON.parse(row.attributes),
      [DEAD_LETTER_ATTRIBUTES.sourceTopic]: row.topic,
      [DEAD_LETTER_ATTRIBUTES.deliveryAttempts]: String(row.attempts),
      [DEAD_LETTER_ATTRIBUTES.lastError]: error,
      [DEAD_LETTER_ATTRIBUTES.originalMessageId]: row.message_id,
    };
    this.db
      .prepare(
        `INSERT INTO messages (message_id, topic, event, attributes, state, available_at, published_at)
         VALUES (?, ?, ?, ?, 'ready', ?, ?)`,
      )
      .run(randomUUID(), TOPICS.deadLetter, row.event, JSON.stringify(attributes), now, now);
  }

  /** Leases left by a killed judge on this machine become due now. */
  private releaseOrphanedLeases(): void {
    const leased = this.db
      .prepare("SELECT seq, lease_owner FROM messages WHERE state = 'leased'")
      .all() as { seq: number; lease_owner: string | null }[];
    const release = this.db.prepare("UPDATE messages SET lease_until = 0 WHERE seq = ?");
    for (const row of leased) if (ownerIsGone(row.lease_owner)) release.run(row.seq);
  }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.length > ERROR_CHARS_MAX ? `${text.slice(0, ERROR_CHARS_MAX)}…` : text;
}

function toDeadLetter(row: MessageRow): DeadLetter {
  return {
    messageId: row.message_id,
    topic: row.topic,
    event: JSON.parse(row.event),
    attributes: JSON.parse(row.attributes),
    attempts: row.attempts,
    lastError: row.last_error ?? "",
    publishedAtMs: row.published_at,
    deadAtMs: row.finished_at ?? row.published_at,
  };
}
