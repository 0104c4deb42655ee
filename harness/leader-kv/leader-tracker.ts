// Follows the peer traffic while a scenario runs, to know who leads right now: the
// sender of recent messages showing the highest rank (Raft's AppendEntries term, a
// Multi-Paxos ballot). Faults aimed at "the leader" are resolved with it.
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import { nowMs, sleep } from "../clock.ts";
import type { RoleTracker } from "../problem.ts";
import type { LeaderSignal } from "./leader-signal.ts";

/** A leader counts as current while it has shown itself this recently. */
const RECENT_MS = 1000;

export class LeaderTracker implements RoleTracker {
  private readonly lastSent = new Map<string, { rank: number; atMs: number }>();

  constructor(private readonly signal: LeaderSignal) {}

  observe(messages: readonly MessageRecord[]): void {
    for (const m of messages) {
      const rank = this.signal.rank(m);
      if (rank === null) continue;
      const seen = this.lastSent.get(m.from);
      if (!seen || rank > seen.rank || (rank === seen.rank && m.startMs > seen.atMs)) {
        this.lastSent.set(m.from, { rank, atMs: m.startMs });
      }
    }
  }

  /** The current leader, or null when none has been heard from lately. */
  current(atMs = nowMs()): string | null {
    let best: { node: string; rank: number } | null = null;
    for (const [node, { rank, atMs: at }] of this.lastSent) {
      if (at < atMs - RECENT_MS) continue;
      if (!best || rank > best.rank) best = { node, rank };
    }
    return best?.node ?? null;
  }

  /** Waits up to timeoutMs for a leader (the one role held by one node); null if none emerged. */
  async holder(role: string, timeoutMs: number, poll: () => Promise<void>): Promise<string | null> {
    if (role !== "leader") throw new Error(`no role "${role}" is held by one node: only "leader"`);
    const until = nowMs() + timeoutMs;
    for (;;) {
      const leader = this.current();
      if (leader || nowMs() >= until) return leader;
      await sleep(100);
      await poll();
    }
  }
}
