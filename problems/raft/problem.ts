// Problem 1, Raft: a linearizable key-value store replicated by Raft on five nodes. Its
// scenarios in the spec's order: the seed names first, then the harder ones.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clientRedirect } from "./plans/client-redirect.ts";
import { concurrentRequests } from "./plans/concurrent-requests.ts";
import { figure8 } from "./plans/figure8.ts";
import { leaderChurn } from "./plans/leader-churn.ts";
import { leaderElection } from "./plans/leader-election.ts";
import { logReplication } from "./plans/log-replication.ts";
import { networkPartition } from "./plans/network-partition.ts";
import { nodeRecovery } from "./plans/node-recovery.ts";
import { unreliableNetwork } from "./plans/unreliable-network.ts";

export const raft: ProblemDefinition = {
  id: 1,
  slug: "raft",
  title: "Raft Consensus",
  difficulty: "Hard",
  nodeCount: 5,
  description: "Linearizable KV under kills, partitions, restarts; one leader per term",
  protoFile: "raft.proto",
  roles: [
    { name: "leader", description: "the node sending AppendEntries in the highest term lately" },
    { name: "follower", otherThan: "leader", description: "a node other than the leader" },
  ],
  templateHints: {
    RequestVote:
      "adopt a higher term; grant at most one vote per term, only to a candidate whose log is at least as up to date as yours; persist the vote before answering.",
    AppendEntries:
      "reject an older term; otherwise follow leader_id, reset the election timer, check that your log holds prev_log_index with prev_log_term (answer conflict_term / conflict_index to help the leader back up), replace conflicting entries, persist, then advance the commit index to min(leader_commit, last new).",
    ClientRequest:
      "as leader, append the operation to the log and answer OK once it is committed and applied (with the value for GET); answer UNAVAILABLE when that takes longer than ~800 ms or leadership is lost. A retried (client_id, sequence) must get its first result and never be applied twice. Not leader and the operation is not in your log: NOT_LEADER with the leader you believe in as leader_hint.",
  },
  plans: {
    leader_election: leaderElection,
    log_replication: logReplication,
    client_redirect: clientRedirect,
    concurrent_requests: concurrentRequests,
    network_partition: networkPartition,
    node_recovery: nodeRecovery,
    unreliable_network: unreliableNetwork,
    leader_churn: leaderChurn,
    figure8,
  },
};
