// Raft's peer calls as the agents decoded them: the methods, an AppendEntries' term (which
// raftSignal reads leadership from), and a message in words for excerpts.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";

export const APPEND_ENTRIES = "/raft.ConsensusNode/AppendEntries";
export const REQUEST_VOTE = "/raft.ConsensusNode/RequestVote";

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** The term of an AppendEntries request, or null when it was not decoded. */
export function appendTerm(m: MessageRecord): number | null {
  return m.method === APPEND_ENTRIES ? num(m.request?.["term"]) : null;
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
