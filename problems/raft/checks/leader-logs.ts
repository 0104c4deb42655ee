// What each leader's AppendEntries say about its own log, term by term: the term of the
// entry at each prev_log_index it sent, the commit index it announced, and the entries it
// sent on to followers. A leader only appends to its log during its term, so one message
// at an index speaks for the whole term.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import { APPEND_ENTRIES } from "./traffic.ts";

export interface LeaderLog {
  leader: string;
  term: number;
  /** index → the term of the entry there, with the first message that showed it. */
  entries: Map<number, { term: number; message: MessageRecord }>;
  /** Each rise of leader_commit, in order: the first message announcing it. */
  commits: { index: number; message: MessageRecord }[];
  /** Every AppendEntries it sent, in order. */
  sent: MessageRecord[];
  /**
   * When any node first sent AppendEntries of a higher term: what this one sent after may
   * come from a node no longer leading (a stale timer), and shows its follower's log.
   */
  supersededAtMs: number;
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** One log per (leader, term), in order of the first AppendEntries of each. */
export function leaderLogs(messages: Messages): LeaderLog[] {
  const logs = new Map<string, LeaderLog>();
  const sorted = messages
    .filter((m) => m.method === APPEND_ENTRIES)
    .sort((a, b) => a.startMs - b.startMs);
  for (const m of sorted) {
    const term = num(m.request?.["term"]);
    if (term === null) continue;
    const key = `${term}/${m.from}`;
    let log = logs.get(key);
    if (!log) {
      log = {
        leader: m.from,
        term,
        entries: new Map(),
        commits: [],
        sent: [],
        supersededAtMs: Infinity,
      };
      logs.set(key, log);
    }
    log.sent.push(m);
    const prev = num(m.request?.["prev_log_index"]);
    const prevTerm = num(m.request?.["prev_log_term"]);
    if (prev !== null && prev > 0 && prevTerm !== null && !log.entries.has(prev))
      log.entries.set(prev, { term: prevTerm, message: m });
    const commit = num(m.request?.["leader_commit"]);
    if (commit !== null && commit > (log.commits.at(-1)?.index ?? 0))
      log.commits.push({ index: commit, message: m });
  }
  const all = [...logs.values()];
  for (const log of all) {
    for (const other of all)
      if (other.term > log.term)
        log.supersededAtMs = Math.min(log.supersededAtMs, other.sent[0]?.startMs ?? Infinity);
  }
  return all;
}

/**
 * The first announcement of a commit index at or above `index` while the leader's term was
 * the highest, if any.
 */
export function committedAt(log: LeaderLog, index: number): LeaderLog["commits"][0] | null {
  const c = log.commits.find((c) => c.index >= index);
  return c && c.message.startMs < log.supersededAtMs ? c : null;
}

/** The leader's AppendEntries that carried an entry at `index`, sent at or after `after`. */
export function carrying(log: LeaderLog, index: number, after = -Infinity): MessageRecord[] {
  return log.sent.filter((m) => {
    const prev = num(m.request?.["prev_log_index"]);
    const count = num(m.request?.["entries_count"]);
    return (
      m.startMs >= after && prev !== null && count !== null && prev < index && index <= prev + count
    );
  });
}
