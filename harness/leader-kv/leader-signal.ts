// How a leader-based protocol's leader shows itself in the peer traffic (Raft's AppendEntries
// term, Multi-Paxos's Heartbeat and Accept ballot), and what the traffic says about
// leadership read through it: who sent as leader, at which rank, and when. Read from the
// agents' decoded message log; never from the nodes' word.
import type { MessageRecord, Messages } from "../../shared/ports/cluster.ts";

export interface LeaderSignal {
  /**
   * The rank with which m's sender shows itself leading (Raft's term; a ballot made one
   * number), or null when m shows no leader. A higher rank is a later leadership.
   */
  rank(m: MessageRecord): number | null;
  /** The full gRPC path of the calls the heartbeat check counts: a leader's keep-alive. */
  heartbeatMethod: string;
}

/** A gRPC path's method, for messages: "/raft.ConsensusNode/AppendEntries" → "AppendEntries". */
export function methodName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export interface LeaderSighting {
  /** The rank the leader showed (Raft's term). */
  rank: number;
  leader: string;
  firstMs: number;
  lastMs: number;
  /** The first message that showed it, for excerpts. */
  first: MessageRecord;
}

/** One sighting per (rank, sender) of a message the signal ranks, in order of first appearance. */
export function leaderSightings(messages: Messages, signal: LeaderSignal): LeaderSighting[] {
  const byKey = new Map<string, LeaderSighting>();
  for (const m of messages) {
    const rank = signal.rank(m);
    if (rank === null) continue;
    const key = `${rank}/${m.from}`;
    const seen = byKey.get(key);
    if (!seen)
      byKey.set(key, { rank, leader: m.from, firstMs: m.startMs, lastMs: m.startMs, first: m });
    else {
      seen.firstMs = Math.min(seen.firstMs, m.startMs);
      seen.lastMs = Math.max(seen.lastMs, m.startMs);
    }
  }
  return [...byKey.values()].sort((a, b) => a.firstMs - b.firstMs);
}

/** The leader with the highest rank seen at or before `atMs`, or null. */
export function leaderAt(
  sightings: readonly LeaderSighting[],
  atMs: number,
): LeaderSighting | null {
  let best: LeaderSighting | null = null;
  for (const s of sightings) {
    if (s.firstMs > atMs) continue;
    if (!best || s.rank > best.rank) best = s;
  }
  return best;
}
