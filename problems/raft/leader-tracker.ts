// Follows the peer traffic while a scenario runs, to know who leads right now: the
// sender of recent AppendEntries with the highest term. Faults aimed at "the leader"
// are resolved with it.
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { RoleTracker } from "../../harness/problem.ts";
import { appendTerm } from "./checks/traffic.ts";

/** A leader counts as current while it has sent AppendEntries this recently. */
const RECENT_MS = 1000;

export class LeaderTracker implements RoleTracker {
  private readonly lastSent = new Map<string, { term: number; atMs: number }>();

  observe(messages: readonly MessageRecord[]): void {
    for (const m of messages) {
      const term = appendTerm(m);
      if (term === null) continue;
      const seen = this.lastSent.get(m.from);
      if (!seen || term > seen.term || (term === seen.term && m.startMs > seen.atMs)) {
        this.lastSent.set(m.from, { term, atMs: m.startMs });
      }
    }
  }

  /** The current leader, or null when none has been heard from lately. */
  current(atMs = nowMs()): string | null {
    let best: { node: string; term: number } | null = null;
    for (const [node, { term, atMs: at }] of this.lastSent) {
      if (at < atMs - RECENT_MS) continue;
      if (!best || term > best.term) best = { node, term };
    }
    return best?.node ?? null;
  }

  /** Waits up to timeoutMs for a leader (Raft's one held role); null if none emerged. */
  async holder(role: string, timeoutMs: number, poll: () => Promise<void>): Promise<string | null> {
    if (role !== "leader") throw new Error(`Raft has no role "${role}" held by one node`);
    const until = nowMs() + timeoutMs;
    for (;;) {
      const leader = this.current();
      if (leader || nowMs() >= until) return leader;
      await sleep(100);
      await poll();
    }
  }
}
