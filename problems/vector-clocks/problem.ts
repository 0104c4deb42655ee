// Problem 11, Vector Clocks: three nodes stamp local events, sends and receives with vector
// clocks that order exactly the causally related events. Scenarios: steady traffic,
// partitions, crashes, lost answers.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { crashRestart } from "./plans/crash-restart.ts";
import { lostAnswers } from "./plans/lost-answers.ts";
import { partitionedSends } from "./plans/partitioned-sends.ts";
import { steady } from "./plans/steady.ts";

export const vectorClocks: ProblemDefinition = {
  id: 11,
  slug: "vector-clocks",
  title: "Vector Clocks",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Timestamps order causally related events and leave concurrent ones incomparable",
  protoFile: "vector_clocks.proto",
  roles: [],
  plans: {
    steady,
    partitioned_sends: partitionedSends,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
