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
  templateHints: {
    Configure:
      "adopt a higher epoch and its chain (answer at once: never wait for a peer), give up your outstanding peer calls, and start over with your new successor and predecessor: a successor that joined in this epoch gets a Transfer of your whole state first; the tail acknowledges what it holds at once. A lower or equal epoch changes nothing.",
    Forward:
      "refuse another epoch (WRONG_EPOCH); accept an update you hold already without applying it again; apply update last_seq + 1 and pass it on (or, as the tail, Ack it); answer GAP to anything beyond. Every answer carries your epoch and last_seq.",
    Ack: "raise acked, pass it on to your predecessor; as head, answer the clients waiting on every update up to it.",
    Transfer:
      "as a node that joined, replace your whole state with the one sent (map, sessions, last_seq), unless it is older than what you hold.",
    ClientRequest:
      "writes at the head only (else NOT_HEAD with the head as hint): a new (client_id, sequence) gets the next seq; answer OK only once the tail's Ack covers it (wait without holding your state's lock), UNAVAILABLE after 1.5 s without it. A retry is never applied twice. Reads at the tail only (else NOT_TAIL with the tail as hint), from its map.",
  },
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
