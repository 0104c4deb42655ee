// What the peer traffic says about leadership: who sent AppendEntries as leader, in which
// term, and when. Read from the agents' decoded message log; never from the nodes' word.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";

export const APPEND_ENTRIES = "/raft.ConsensusNode/AppendEntries";
export const REQUEST_VOTE = "/raft.ConsensusNode/RequestVote";

export interface LeaderSighting {
  term: number;
  leader: string;
  firstMs: number;
  lastMs: number;
  /** The first AppendEntries that showed it, for excerpts. */
  first: MessageRecord;
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** The term of an AppendEntries request, or null when it was not decoded. */
export function appendTerm(m: MessageRecord): number | null {
  return m.method === APPEND_ENTRIES ? num(m.request?.["term"]) : null;
}

/** One sighting per (term, sender) of AppendEntries, in order of first appearance. */
export function leaderSightings(messages: readonly MessageRecord[]): LeaderSighting[] {
  const byKey = new Map<string, LeaderSighting>();
  for (const m of messages) {
    const term = appendTerm(m);
    if (term === null) continue;
    const key = `${term}/${m.from}`;
    const seen = byKey.get(key);
    if (!seen)
      byKey.set(key, { term, leader: m.from, firstMs: m.startMs, lastMs: m.startMs, first: m });
    else {
      seen.firstMs = Math.min(seen.firstMs, m.startMs);
      seen.lastMs = Math.max(seen.lastMs, m.startMs);
    }
  }
  return [...byKey.values()].sort((a, b) => a.firstMs - b.firstMs);
}

/** The leader with the highest term seen at or before `atMs`, or null. */
export function leaderAt(
  sightings: readonly LeaderSighting[],
  atMs: number,
): LeaderSighting | null {
  let best: LeaderSighting | null = null;
  for (const s of sightings) {
    if (s.firstMs > atMs) continue;
    if (!best || s.term > best.term) best = s;
  }
  return best;
}

export function describeMessage(m: MessageRecord, originMs: number): string {
  const at = ((m.startMs - originMs) / 1000).toFixed(3);
  const method = m.method.slice(m.method.lastIndexOf("/") + 1);
  const fields = (o: Record<string, unknown> | undefined): string =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(" ")
      : "";
  const reply = m.response ? ` → ${fields(m.response)}` : m.status === null ? " → (no answer)" : "";
  return `${at} s ${m.from} → ${m.to} ${method} ${fields(m.request)}${reply}`;
}
