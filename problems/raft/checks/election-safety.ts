// Election safety (Raft §5.2): at most one leader per term, read from AppendEntries that
// left each node's agent; and no node grants its vote to two candidates in one term.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { leaderSightings } from "../../../harness/leader-kv/leader-signal.ts";
import { raftSignal } from "../signal.ts";
import type { RaftRun } from "./history.ts";
import { REQUEST_VOTE, describeMessage } from "./traffic.ts";

export function checkOneLeaderPerTerm({
  messages,
  originMs,
}: Pick<RaftRun, "messages" | "originMs">): PropertyResult {
  const property = "one leader per term";
  const leadersByTerm = new Map<number, ReturnType<typeof leaderSightings>>();
  // Raft's rank is the term.
  for (const s of leaderSightings(messages, raftSignal)) {
    const list = leadersByTerm.get(s.rank) ?? [];
    list.push(s);
    leadersByTerm.set(s.rank, list);
  }
  for (const [term, list] of [...leadersByTerm].sort((a, b) => a[0] - b[0])) {
    if (list.length < 2) continue;
    const [a, b] = list as [(typeof list)[0], (typeof list)[0]];
    return violated(
      property,
      `two leaders in term ${term}: ${a.leader} and ${b.leader} both sent AppendEntries for that term`,
      [describeMessage(a.first, originMs), describeMessage(b.first, originMs)],
    );
  }
  if (leadersByTerm.size === 0)
    return inconclusive(property, "no node sent AppendEntries as leader: no term to check");
  return holds(property, `${leadersByTerm.size} terms with a leader, one leader in each`);
}

export function checkOneVotePerTerm({
  messages,
  originMs,
}: Pick<RaftRun, "messages" | "originMs">): PropertyResult {
  const property = "one vote per term";
  const granted = new Map<string, MessageRecord>(); // "voter/term" → the vote
  for (const m of messages) {
    if (m.method !== REQUEST_VOTE || m.response?.["vote_granted"] !== true) continue;
    const term = m.request?.["term"];
    if (typeof term !== "number") continue;
    const key = `${m.to}/${term}`;
    const earlier = granted.get(key);
    if (!earlier) granted.set(key, m);
    else if (earlier.from !== m.from) {
      return violated(
        property,
        `${m.to} voted for both ${earlier.from} and ${m.from} in term ${term}`,
        [describeMessage(earlier, originMs), describeMessage(m, originMs)],
      );
    }
  }
  if (granted.size === 0)
    return inconclusive(property, "no vote granted in the recorded traffic: nothing to check");
  return holds(property, `${granted.size} votes granted, at most one per node and term`);
}
