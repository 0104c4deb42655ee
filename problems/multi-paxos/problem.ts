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
  templateHints: {
    Prepare:
      "promise a ballot at least your promised one (durably), and report in `accepted` your accepted proposal of every slot from from_slot on; refuse a lower one. Either way answer with the promised ballot you hold once handled.",
    Accept:
      "accept a ballot at least your promised one: it becomes your promise and the slot's accepted proposal, durably, before you answer. Refuse a lower one.",
    Learn:
      "the slot is chosen with this command: remember it and apply every slot now in order (a (client_id, sequence) already applied is skipped: it takes effect once).",
    Heartbeat:
      "a leader at a ballot at least your promise is alive: note it (leader_hint), and wait before running phase 1. A heartbeat changes no promise. Report how far you learnt.",
    ClientRequest:
      'as leader, put the command in the next free slot (phase 2 only: phase 1 ran once for all open slots when you became leader) and answer OK with its slot once it is chosen and applied (with the value for GET: GETs go through the log too); answer UNAVAILABLE when that takes longer than ~800 ms or you stop leading. Do not hold your state\'s lock while you wait. A retried (client_id, sequence) gets its first result and slot and is never applied twice. Not leading and the command is in no slot you accepted or learnt: NOT_LEADER with leader_hint the sender of the highest-ballot Heartbeat or Accept you saw (or "").',
  },
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
