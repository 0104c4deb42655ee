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
  templateHints: {
    Add: 'a sequence at or below the client\'s last applied one is a retry: answer and change nothing. Otherwise make a new tag "<node_id>:<counter>", persist, answer.',
    Remove:
      "dedup as Add; then tombstone every live tag of the element you hold now (and only those), persist, answer.",
    Read: "each element with a live tag, once, asking no peer.",
    Sync: "tombstone the removed tags, keep the added tags you have not seen removed; persist before answering.",
  },
  plans: {
    partitioned_races: partitionedRaces,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
