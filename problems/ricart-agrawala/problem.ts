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
  plans: {
    steady,
    contention,
    delayed_links: delayedLinks,
    lossy_links: lossyLinks,
    paused_node: pausedNode,
  },
};
