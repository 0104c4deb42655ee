// Problem 1's scenarios, in the spec's order: the seed names first, then the harder ones.
import type { ScenarioPlan } from "../plan.ts";
import { clientRedirect } from "./plans/client-redirect.ts";
import { concurrentRequests } from "./plans/concurrent-requests.ts";
import { leaderChurn } from "./plans/leader-churn.ts";
import { leaderElection } from "./plans/leader-election.ts";
import { logReplication } from "./plans/log-replication.ts";
import { networkPartition } from "./plans/network-partition.ts";
import { nodeRecovery } from "./plans/node-recovery.ts";
import { unreliableNetwork } from "./plans/unreliable-network.ts";

export const raftPlans: Record<string, (seed: number) => ScenarioPlan> = {
  leader_election: leaderElection,
  log_replication: logReplication,
  client_redirect: clientRedirect,
  concurrent_requests: concurrentRequests,
  network_partition: networkPartition,
  node_recovery: nodeRecovery,
  unreliable_network: unreliableNetwork,
  leader_churn: leaderChurn,
};
