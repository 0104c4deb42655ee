// Problem 2, Multi-Paxos: a linearizable key-value store on a replicated log, one Paxos
// instance per slot, on five nodes. Scenarios in the statement's order: Raft's seed six and
// unreliable network (the same faults, aimed at the distinguished proposer), then the ones
// only Paxos has: duelling proposers, an acceptor killed after its promise, a ring of
// majorities, and the leader killed right after an Accept.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clientRedirect } from "../raft/plans/client-redirect.ts";
import { concurrentRequests } from "../raft/plans/concurrent-requests.ts";
import { leaderElection } from "../raft/plans/leader-election.ts";
import { logReplication } from "../raft/plans/log-replication.ts";
import { networkPartition } from "../raft/plans/network-partition.ts";
import { nodeRecovery } from "../raft/plans/node-recovery.ts";
import { unreliableNetwork } from "../raft/plans/unreliable-network.ts";
import { acceptorRestart } from "./plans/acceptor-restart.ts";
import { duelingProposers } from "./plans/dueling-proposers.ts";
import { leaderKillAfterAccept } from "./plans/leader-kill-after-accept.ts";
import { majoritiesRing } from "./plans/majorities-ring.ts";

export const multiPaxos: ProblemDefinition = {
  id: 2,
  slug: "multi-paxos",
  title: "Multi-Paxos",
  difficulty: "Hard",
  nodeCount: 5,
  description: "Linearizable log-backed KV; one value chosen per slot",
  protoFile: "multi_paxos.proto",
  roles: [
    {
      name: "leader",
      description: "the node sending Heartbeat or Accept at the highest ballot lately",
    },
    { name: "follower", otherThan: "leader", description: "a node other than the leader" },
  ],
  plans: {
    leader_election: leaderElection,
    log_replication: logReplication,
    client_redirect: clientRedirect,
    concurrent_requests: concurrentRequests,
    network_partition: networkPartition,
    node_recovery: nodeRecovery,
    unreliable_network: unreliableNetwork,
    dueling_proposers: duelingProposers,
    acceptor_restart: acceptorRestart,
    majorities_ring: majoritiesRing,
    leader_kill_after_accept: leaderKillAfterAccept,
  },
};
