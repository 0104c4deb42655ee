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
  templateHints: {
    Add: "a sequence at or below the client's last applied one is a retry: answer and apply nothing. Otherwise add delta to your own slot, persist, then answer.",
    Read: "answer the sum of every slot you know, asking no peer.",
    Gossip:
      "keep, for each slot, the larger of what you know and what the peer says; persist before answering.",
  },
  plans: {
    partitioned_adds: partitionedAdds,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
