// Problem 14, Observed-Remove Set (CRDT): three nodes that answer adds, removes and reads
// through any partition and agree once healed, an add winning over a remove that had not
// seen it. Scenarios: add/remove races across partitions, crashes, lost answers.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { crashRestart } from "./plans/crash-restart.ts";
import { lostAnswers } from "./plans/lost-answers.ts";
import { partitionedRaces } from "./plans/partitioned-races.ts";

export const orSet: ProblemDefinition = {
  id: 14,
  slug: "or-set",
  title: "Observed-Remove Set (CRDT)",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Add-wins semantics; convergence; no resurrected removes",
  protoFile: "or_set.proto",
  roles: [],
  plans: {
    partitioned_races: partitionedRaces,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
