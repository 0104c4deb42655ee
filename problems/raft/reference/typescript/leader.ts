// One term of leadership: per-follower progress, heartbeats, log replication with fast back-up
// (conflict_term / conflict_index), and the commit rule: an index is committed when a majority
// holds it and it belongs to this term (earlier terms' entries commit with it, never alone).
// One call carrying entries is open per follower (another goes out beside it only when it
// looks lost), and heartbeats without entries keep flowing meanwhile. When idle, sends to one
// follower are spaced at least sendGapMsMin apart.
import {
  appendDeadlineMs,
  busyWindowMs,
  entriesResendMs,
  batchBytesMax,
  batchEntriesMax,
  heartbeatIntervalMs,
  inflightPerPeerMax,
  sendGapMsMin,
  stepDownAfterMs,
} from "./config.ts";
import type { LogFile } from "./log-file.ts";
import type { AppendRequest, AppendResponse, PeerClient } from "./proto.ts";

export interface LeaderContext {
  nodeId: string;
  term: number;
  clusterSize: number;
  log: LogFile;
  commitIndex(): number;
  /** A majority holds `index` (of this term): commit up to it. */
  commit(index: number): void;
  /** A follower answered with a higher term. */
  sawHigherTerm(term: number): void;
  /** No majority answered for stepDownAfterMs. */
  lostQuorum(): void;
}

interface Follower {
  id: string;
  client: PeerClient;
  nextIndex: number;
  matchIndex: number;
  lastSendMs: number;
  lastContactMs: number;
  inflight: number;
  /** Open calls carrying entries, and when the last one left. */
  entriesInflight: number;
  lastEntriesSendMs: number;
  sendTimer: NodeJS.Timeout | null;
}

const nowMs = () => performance.now();

export class Leader {
  private readonly followers: Follower[];
  private readonly ticker: NodeJS.Timeout;
  private readonly sinceMs = nowMs();
  private lastAppendMs = -Infinity;
  private flushScheduled = false;
  private stopped = false;

  constructor(
    private readonly ctx: LeaderContext,
    clients: Map<string, PeerClient>,
  ) {
    this.followers = [...clients].map(([id, client]) => ({
      id,
      client,
      nextIndex: ctx.log.lastIndex + 1,
      matchIndex: 0,
      lastSendMs: -Infinity,
      lastContactMs: this.sinceMs,
      inflight: 0,
      entriesInflight: 0,
      lastEntriesSendMs: -Infinity,
      sendTimer: null,
    }));
    // Ticking at half the interval keeps every gap between heartbeats within 1 to 1.5 intervals.
    this.ticker = setInterval(() => this.tick(), heartbeatIntervalMs / 2);
  }

  /** New entries were written to the log: make them durable, then send them. */
  entriesAppended(): void {
    this.lastAppendMs = nowMs();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One fsync for every entry appended in this turn of the event loop.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.stopped) return;
      this.ctx.log.sync();
      this.advanceCommit();
      for (const f of this.followers) this.replicate(f);
    });
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    for (const f of this.followers) if (f.sendTimer) clearTimeout(f.sendTimer);
  }

  private tick(): void {
    const now = nowMs();
    if (now - this.sinceMs >= stepDownAfterMs && !this.majorityHeardWithin(now, stepDownAfterMs)) {
      this.ctx.lostQuorum();
      return;
    }
    for (const f of this.followers) {
      if (now - f.lastSendMs >= heartbeatIntervalMs && f.inflight < inflightPerPeerMax) {
        this.send(f, this.maySendEntries(f, now));
      }
    }
  }

  private majorityHeardWithin(now: number, windowMs: number): boolean {
    const heard = this.followers.filter((f) => now - f.lastContactMs <= windowMs).length;
    return heard + 1 > this.ctx.clusterSize / 2;
  }

  /** No call with entries is open, or the open one looks lost. */
  private maySendEntries(f: Follower, now: number): boolean {
    return f.entriesInflight === 0 || now - f.lastEntriesSendMs >= entriesResendMs;
  }

  /** Sends the follower its missing entries, unless a call with entries is already open. */
  private replicate(f: Follower): void {
    const now = nowMs();
    if (this.stopped || f.nextIndex > this.ctx.log.lastIndex) return;
    if (!this.maySendEntries(f, now) || f.inflight >= inflightPerPeerMax) return;
    const gapMs = now - this.lastAppendMs < busyWindowMs ? 0 : sendGapMsMin;
    const waitMs = f.lastSendMs + gapMs - now;
    if (waitMs > 0) {
      f.sendTimer ??= setTimeout(() => {
        f.sendTimer = null;
        this.replicate(f);
      }, waitMs);
      return;
    }
    this.send(f, true);
  }

  private send(f: Follower, withEntries: boolean): void {
    const { log, term, nodeId } = this.ctx;
    const prev = f.nextIndex - 1;
    const entries = withEntries ? log.slice(f.nextIndex, batchEntriesMax, batchBytesMax) : [];
    const req: AppendRequest = {
      term,
      leader_id: nodeId,
      prev_log_index: prev,
      prev_log_term: log.termAt(prev),
      entries: entries.map((e, i) => ({ term: e.term, index: prev + 1 + i, command: e.command })),
      leader_commit: this.ctx.commitIndex(),
    };
    f.lastSendMs = nowMs();
    f.inflight++;
    if (entries.length > 0) {
      f.entriesInflight++;
      f.lastEntriesSendMs = f.lastSendMs;
    }
    f.client.AppendEntries(req, { deadline: Date.now() + appendDeadlineMs }, (err, res) => {
      f.inflight--;
      if (entries.length > 0) f.entriesInflight--;
      if (!err && res && !this.stopped) this.answered(f, req, res);
    });
  }

  private answered(f: Follower, req: AppendRequest, res: AppendResponse): void {
    if (res.term > this.ctx.term) {
      this.ctx.sawHigherTerm(res.term);
      return;
    }
    f.lastContactMs = nowMs();
    if (res.success) {
      const match = req.prev_log_index + req.entries.length;
      if (match > f.matchIndex) {
        f.matchIndex = match;
        this.advanceCommit();
      }
      f.nextIndex = Math.max(f.nextIndex, match + 1);
    } else if (req.prev_log_index === f.nextIndex - 1) {
      f.nextIndex = this.backUp(f, req.prev_log_index, res);
    }
    this.replicate(f);
  }

  /** Where to resume after a rejected append at `prev`, skipping a whole term at a time. */
  private backUp(f: Follower, prev: number, res: AppendResponse): number {
    let next = res.conflict_index > 0 ? res.conflict_index : prev;
    if (res.conflict_term > 0) {
      const last = this.ctx.log.lastIndexOfTerm(res.conflict_term, prev);
      if (last > 0) next = last + 1;
    }
    return Math.max(f.matchIndex + 1, Math.min(next, prev));
  }

  private advanceCommit(): void {
    const { log, term, clusterSize } = this.ctx;
    const held = [log.durableIndex, ...this.followers.map((f) => f.matchIndex)];
    held.sort((a, b) => b - a);
    const majorityHeld = held[Math.floor(clusterSize / 2)] ?? 0;
    if (majorityHeld > this.ctx.commitIndex() && log.termAt(majorityHeld) === term) {
      this.ctx.commit(majorityHeld);
    }
  }
}
