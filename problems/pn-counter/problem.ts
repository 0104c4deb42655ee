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
  templateHints: {
    Add: "a sequence at or below the client's last applied one is a retry: answer and apply nothing. Otherwise add a positive delta to your own increments, a negative one's size to your own decrements, persist, then answer.",
    Read: "answer the sum of increments minus the sum of decrements, asking no peer.",
    Gossip:
      "keep, for each node's increments and decrements apart, the larger of what you know and what the peer says; persist before answering.",
  },
  plans: {
    partitioned_adds: (seed) => withSignedClients(partitionedAdds(seed)),
    minority_decrements: minorityDecrements,
    crash_restart: (seed) => withSignedClients(crashRestart(seed)),
    lost_answers: (seed) => withSignedClients(lostAnswers(seed), DECREMENTING_CLIENTS),
  },
};
