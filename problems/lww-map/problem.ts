// Problem 15, Last-Writer-Wins Map (hybrid logical clocks): three nodes that answer puts,
// deletes and gets through any partition and agree once healed on each key's
// highest-stamped write, a write made after another was seen winning even under clock skew.
// Scenarios: write races across partitions, skewed clocks, crashes.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { PLANS } from "./plans/index.ts";

export const lwwMap: ProblemDefinition = {
  id: 15,
  slug: "lww-map",
  title: "Last-Writer-Wins Map (hybrid logical clocks)",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Convergence; the causally last write wins under clock skew",
  protoFile: "lww_map.proto",
  roles: [],
  plans: PLANS,
};
