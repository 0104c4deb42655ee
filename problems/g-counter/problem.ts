// Problem 12, Grow-only Counter (CRDT): three nodes that answer adds and reads through any
// partition and agree on the sum after it heals. Scenarios: partitions, crashes, lost answers.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { crashRestart } from "./plans/crash-restart.ts";
import { lostAnswers } from "./plans/lost-answers.ts";
import { partitionedAdds } from "./plans/partitioned-adds.ts";

export const gCounter: ProblemDefinition = {
  id: 12,
  slug: "g-counter",
  title: "Grow-only Counter (CRDT)",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Converges to the sum of acknowledged increments after healing",
  protoFile: "g_counter.proto",
  roles: [],
  plans: {
    partitioned_adds: partitionedAdds,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
