// Problem 19, Chain Replication (van Renesse and Schneider, OSDI 2004): three nodes in a chain
// the judge configures as its master, writes at the head and reads at the tail. Scenarios in
// the statement's order: a failure at each position, a rejoin with state transfer, many
// clients, lossy links, and the middle killed between forwarding and acknowledging.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { concurrentClients } from "./plans/concurrent-clients.ts";
import { headFailure, middleFailure, tailFailure } from "./plans/failures.ts";
import { lossyLinks } from "./plans/lossy-links.ts";
import { middleBeforeAck } from "./plans/middle-before-ack.ts";
import { rejoin } from "./plans/rejoin.ts";

export const chainReplication: ProblemDefinition = {
  id: 19,
  slug: "chain-replication",
  title: "Chain Replication",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Linearizable KV through head and tail; the chain repairs itself after a node dies",
  protoFile: "chain_replication.proto",
  roles: [],
  plans: {
    head_failure: headFailure,
    middle_failure: middleFailure,
    tail_failure: tailFailure,
    rejoin,
    concurrent_clients: concurrentClients,
    lossy_links: lossyLinks,
    middle_before_ack: middleBeforeAck,
  },
};
