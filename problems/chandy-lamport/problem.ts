// Problem 4, Chandy-Lamport Snapshots: three nodes pass tokens over numbered FIFO channels and
// record consistent global snapshots, several at once. Scenarios: no faults, concurrent
// snapshots, slow links, a paused node; no drops and no crashes (the channels are reliable).
import type { ProblemDefinition } from "../../harness/problem.ts";
import { concurrentSnapshots } from "./plans/concurrent-snapshots.ts";
import { delayedLinks } from "./plans/delayed-links.ts";
import { pausedNode } from "./plans/paused-node.ts";
import { steady } from "./plans/steady.ts";

export const chandyLamport: ProblemDefinition = {
  id: 4,
  slug: "chandy-lamport",
  title: "Chandy-Lamport Snapshots",
  difficulty: "Medium",
  nodeCount: 3,
  description: "Every snapshot is a consistent cut that conserves the total, with channel states",
  protoFile: "chandy_lamport.proto",
  roles: [],
  plans: {
    steady,
    concurrent_snapshots: concurrentSnapshots,
    delayed_links: delayedLinks,
    paused_node: pausedNode,
  },
};
