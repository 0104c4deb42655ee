// Problem 18, Ricart-Agrawala Mutual Exclusion: three nodes grant their clients a critical
// section one node at a time, in (Lamport timestamp, node id) order, with 2(N−1) messages
// an entry. Scenarios: no faults, contention with ties, delayed and lossy links, a pause.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { contention } from "./plans/contention.ts";
import { delayedLinks } from "./plans/delayed-links.ts";
import { lossyLinks } from "./plans/lossy-links.ts";
import { pausedNode } from "./plans/paused-node.ts";
import { steady } from "./plans/steady.ts";

export const ricartAgrawala: ProblemDefinition = {
  id: 18,
  slug: "ricart-agrawala",
  title: "Ricart-Agrawala Mutual Exclusion",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Mutual exclusion; requests granted in timestamp order; no deadlock",
  protoFile: "ricart_agrawala.proto",
  roles: [],
  templateHints: {
    Acquire:
      "a new request: clock + 1 is its timestamp; send Request to every peer; answer its timestamp once every peer replied. The same (client_id, sequence) again waits for the same request, or answers at once if granted; another one while this is pending or held: RESOURCE_EXHAUSTED.",
    Release:
      "leave the critical section (or withdraw the pending request), send every deferred Reply, answer. Idempotent.",
    Request:
      "clock = max(clock, timestamp) + 1; ignore a resend; defer the Reply while you hold the section or your own request goes first by (timestamp, node id); else reply now. Acknowledge at once either way: the Reply is a separate call.",
    Reply:
      "clock = max(clock, timestamp) + 1; count it for your pending request if the timestamp is that request's; enter once every peer replied.",
  },
  plans: {
    steady,
    contention,
    delayed_links: delayedLinks,
    lossy_links: lossyLinks,
    paused_node: pausedNode,
  },
};
