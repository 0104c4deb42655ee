// Log matching (Raft §5.3), read from the traffic: a follower may answer success to
// AppendEntries only when its log holds the entry at prev_log_index. An entry can reach a
// node only in an AppendEntries sent to it, or be its own as a leader (and then it left in
// one it sent), so no correct node can claim an index beyond every AppendEntries that
// went to or from it before it answered. A node that does accepts entries that do not
// follow its log: its log and state machine part from the leader's.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { RaftRun } from "./history.ts";
import { APPEND_ENTRIES, describeMessage } from "./traffic.ts";

const PROPERTY = "log matching";

interface Top {
  index: number;
  message: MessageRecord;
}

/**
 * The highest index an AppendEntries to or from the node carried, with its message, and
 * the highest of any other message: a message's own entries never justify its own claim.
 */
interface Reach {
  best: Top | null;
  second: Top | null;
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/**
 * The highest index an AppendEntries request carries: prev_log_index + entries. One that
 * was not decoded (too large, say) could carry any: it bounds nothing.
 */
function reachOf(m: MessageRecord): number {
  const prev = num(m.request?.["prev_log_index"]);
  const count = num(m.request?.["entries_count"]);
  return prev === null || count === null ? Infinity : prev + count;
}

export function checkLogMatching({
  messages,
  originMs,
  messagesDropped,
}: Pick<RaftRun, "messages" | "originMs" | "messagesDropped">): PropertyResult {
  const appends = messages.filter((m) => m.method === APPEND_ENTRIES);
  const sent = [...appends].sort((a, b) => a.startMs - b.startMs);
  const claims = appends
    .filter(
      (m) => m.response?.["success"] === true && (num(m.request?.["prev_log_index"]) ?? 0) > 0,
    )
    .sort((a, b) => (a.endMs ?? a.startMs) - (b.endMs ?? b.startMs));
  const reach = new Map<string, Reach>();
  const raise = (node: string, m: MessageRecord, r: number): void => {
    const at = reach.get(node) ?? { best: null, second: null };
    if (r > (at.best?.index ?? 0)) [at.second, at.best] = [at.best, { index: r, message: m }];
    else if (r > (at.second?.index ?? 0)) at.second = { index: r, message: m };
    reach.set(node, at);
  };
  let next = 0;
  for (const claim of claims) {
    const answeredAt = claim.endMs ?? claim.startMs;
    for (; next < sent.length && (sent[next] as MessageRecord).startMs < answeredAt; next++) {
      const m = sent[next] as MessageRecord;
      raise(m.to, m, reachOf(m));
      raise(m.from, m, reachOf(m));
    }
    const prev = num(claim.request?.["prev_log_index"]) as number;
    const at = reach.get(claim.to);
    const top = at?.best?.message === claim ? at.second : (at?.best ?? null);
    const bound = top?.index ?? 0;
    if (prev <= bound) continue;
    if (messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${claim.to} accepted entries after index ${prev}, beyond what the kept traffic brought it, but the agents dropped ${messagesDropped} old messages`,
      );
    const broughtUpTo =
      bound === 0
        ? "no message had brought it any entry"
        : `no message had brought it an entry past index ${bound}`;
    return violated(
      PROPERTY,
      `${claim.to} answered success to AppendEntries from ${claim.from} (term ${String(claim.request?.["term"])}) that follows index ${prev}, but ${broughtUpTo}: a follower must refuse entries that do not follow its own log (prev_log_index and prev_log_term)`,
      [...(top ? [describeMessage(top.message, originMs)] : []), describeMessage(claim, originMs)],
    );
  }
  if (claims.length === 0)
    return inconclusive(PROPERTY, "no node accepted AppendEntries that follow an entry");
  return holds(
    PROPERTY,
    `${claims.length} accepted AppendEntries, each after an index its node had been sent`,
  );
}
