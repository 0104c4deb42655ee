// Problem 13, PN-Counter (CRDT): three nodes that answer increments, decrements and reads
// through any partition and agree on the sum after it heals. Scenarios: G-Counter's
// partitions and crashes with deltas of either sign, its lost answers with decrements only,
// and a cut-off node that alone takes large decrements.
import { crashRestart } from "../g-counter/plans/crash-restart.ts";
import { lostAnswers } from "../g-counter/plans/lost-answers.ts";
import { partitionedAdds } from "../g-counter/plans/partitioned-adds.ts";
import type { ProblemDefinition } from "../../harness/problem.ts";
import { minorityDecrements } from "./plans/minority-decrements.ts";
import { DECREMENTING_CLIENTS, withSignedClients } from "./plans/workload.ts";

export const pnCounter: ProblemDefinition = {
  id: 13,
  slug: "pn-counter",
  title: "PN-Counter (CRDT)",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Increments and decrements at any node, converging after partitions heal",
  protoFile: "pn_counter.proto",
  roles: [],
  plans: {
    partitioned_adds: (seed) => withSignedClients(partitionedAdds(seed)),
    minority_decrements: minorityDecrements,
    crash_restart: (seed) => withSignedClients(crashRestart(seed)),
    lost_answers: (seed) => withSignedClients(lostAnswers(seed), DECREMENTING_CLIENTS),
  },
};
