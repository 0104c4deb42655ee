// Committed entries survive (Raft's Leader Completeness, §5.4), read from the traffic: once
// a leader announced an index committed (leader_commit), every leader of a later term holds
// the same entry there, as the prev_log_term each one sends shows. When it does not, the
// verdict names the entry, who committed it, whose entry replaced it, the client write that
// was lost with it, and the rule broken: an old-term entry committed by counting replicas
// is the Raft paper's Figure 8 (§5.4.2).
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { describeOp } from "../../../harness/leader-kv/history.ts";
import type { RaftRun } from "./history.ts";
import { carrying, committedAt, leaderLogs, type LeaderLog } from "./leader-logs.ts";
import { lostWrite } from "./lost-write.ts";
import { describeMessage } from "./traffic.ts";

const PROPERTY = "committed entries survive";

interface Replaced {
  committer: LeaderLog;
  index: number;
  entryTerm: number;
  /** The committer's message showing its entry there, and the one announcing the commit. */
  entry: MessageRecord;
  commit: MessageRecord;
  later: LeaderLog;
  laterTerm: number;
  shown: MessageRecord;
}

export function checkCommittedEntriesSurvive(
  run: Pick<RaftRun, "messages" | "originMs" | "history" | "finalReads">,
): PropertyResult {
  const logs = leaderLogs(run.messages);
  let compared = 0;
  let first: Replaced | null = null;
  for (const committer of logs) {
    for (const [index, entry] of committer.entries) {
      const commit = committedAt(committer, index);
      if (!commit || entry.message.startMs >= committer.supersededAtMs) continue;
      for (const later of logs) {
        const other = later.entries.get(index);
        if (later.term <= committer.term || !other) continue;
        compared++;
        if (other.term === entry.term) continue;
        if (first && first.shown.startMs <= other.message.startMs) continue;
        first = {
          committer,
          index,
          entryTerm: entry.term,
          entry: entry.message,
          commit: commit.message,
          later,
          laterTerm: other.term,
          shown: other.message,
        };
      }
    }
  }
  if (first) return explain(first, logs, run);
  if (compared === 0)
    return inconclusive(
      PROPERTY,
      "no later leader showed its entry at an index announced committed",
    );
  return holds(
    PROPERTY,
    `${compared} times a later leader showed its entry at an index announced committed: the same entry each time`,
  );
}

function explain(
  r: Replaced,
  logs: readonly LeaderLog[],
  run: Pick<RaftRun, "originMs" | "history" | "finalReads">,
): PropertyResult {
  const { committer, index, entryTerm, later } = r;
  const at = (ms: number): string => secondsSince(run.originMs, ms);
  const commitIndex = r.commit.request?.["leader_commit"];
  // §5.4.2: an entry of an earlier term, and nothing of the leader's own term at or below
  // the index it announced, so it committed the old entry by counting replicas.
  const ownTerm = [...committer.entries].some(
    ([i, e]) => i <= Number(commitIndex) && e.term === committer.term,
  );
  const byCounting = entryTerm < committer.term && !ownTerm;
  const writer = logs.find((l) => l.term === r.laterTerm)?.leader;
  const pushed = carrying(later, index).filter((m) => m.response?.["success"] === true);
  const onto = [...new Set(pushed.map((m) => m.to))];
  const lost = lostWrite(run, committer, index, entryTerm, logs);
  const sentences = [
    `${committer.leader}, leader of term ${committer.term}, announced index ${index} committed (leader_commit ${String(commitIndex)} at ${at(r.commit.startMs)}) while its entry there was of term ${entryTerm}${byCounting ? `, with no entry of term ${committer.term} at or below it` : ""};`,
    `then ${later.leader}, leader of term ${later.term}, held ${writer ? `${writer}'s ` : "an "}entry of term ${r.laterTerm} at index ${index}${onto.length ? ` and replaced the committed one on ${onto.join(", ")} (${at(pushed[0]?.startMs ?? r.shown.startMs)})` : ` (${at(r.shown.startMs)})`}.`,
  ];
  if (lost) {
    const { op } = lost;
    const where = lost.wentInBy
      ? `, which went into index ${index} as ${lost.wentInBy}'s entry of term ${entryTerm},`
      : "";
    sentences.push(
      `The write ${op.f} ${op.key} ${JSON.stringify(op.value)} (${op.client} #${op.sequence})${where} was acknowledged OK by ${committer.leader} at ${at(lost.okAtMs)}, and the final read of ${op.key} lacks it.`,
    );
  }
  sentences.push(
    byCounting
      ? "A leader may commit by counting replicas only entries of its own term; older ones are committed with them (§5.4.2, the Raft paper's Figure 8)."
      : "Every leader of a later term must hold every committed entry (Leader Completeness, §5.4): a node votes only for a candidate whose log is at least as up to date as its own (§5.4.1).",
  );
  const excerpt = [
    ...new Set([r.entry, r.commit].sort((a, b) => a.startMs - b.startMs)),
    r.shown,
    ...pushed.slice(0, 1),
  ].map((m) => describeMessage(m, run.originMs));
  if (lost) excerpt.push(describeOp(lost.op, run.originMs));
  return violated(PROPERTY, sentences.join(" "), excerpt);
}
