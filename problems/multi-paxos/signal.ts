// How a Multi-Paxos leader shows itself in the traffic: a node sends Heartbeat or Accept at
// a ballot only once a majority promised it (statement.md), so the sender of either leads
// at that ballot; Heartbeat alone is the heartbeat a leader owes each node it can reach.
import type { LeaderSignal } from "../../harness/leader-kv/leader-signal.ts";
import { ACCEPT, HEARTBEAT, requestBallot, type Ballot } from "./checks/traffic.ts";

/** Node numbers stay below this: a ballot's node fits under its round in one number. */
export const BALLOT_NODES = 1024;

/**
 * A ballot as one number ordered as compareBallots orders ballots: round * 1024 + node.
 * Exact because a correct node's ballot_node is its own number N of "node-N", 0 to 4, far
 * below 1024, and its rounds start at 1 and grow by one per new ballot, so round * 1024
 * stays a safe integer (rounds below 2^43); a ballot beyond either, which only a broken
 * node sends, has no rank: it shows no leader.
 */
export function ballotRank({ round, node }: Ballot): number | null {
  if (!Number.isSafeInteger(node) || node < 0 || node >= BALLOT_NODES) return null;
  const rank = round * BALLOT_NODES + node;
  return Number.isSafeInteger(round) && Number.isSafeInteger(rank) ? rank : null;
}

export const paxosSignal: LeaderSignal = {
  rank(m) {
    if (m.method !== HEARTBEAT && m.method !== ACCEPT) return null;
    const ballot = requestBallot(m);
    return ballot ? ballotRank(ballot) : null;
  },
  heartbeatMethod: HEARTBEAT,
};
