// Problem 17, Bully Leader Election: five nodes name the live node with the highest id as
// coordinator and elect again after kills, restarts and a healed partition.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { cascade } from "./plans/cascade.ts";
import { coordinatorKill } from "./plans/coordinator-kill.ts";
import { lowerRestart } from "./plans/lower-restart.ts";
import { partitionHeal } from "./plans/partition-heal.ts";
import { restartHigher } from "./plans/restart-higher.ts";
import { steady } from "./plans/steady.ts";

export const bullyElection: ProblemDefinition = {
  id: 17,
  slug: "bully-election",
  title: "Bully Leader Election",
  difficulty: "Medium-Hard",
  nodeCount: 5,
  description: "The highest live id leads; at most one leader once stable; re-election after kills",
  protoFile: "bully_election.proto",
  roles: [],
  templateHints: {
    GetCoordinator:
      "answer known with the coordinator you name, or known false while you are electing.",
    Election:
      "answer at once; then, if the sender is lower, start your own election (in the background) unless one is running.",
    Coordinator: "a higher sender: name it and stop electing. A lower one: elect (bully it).",
    Heartbeat: "from the coordinator you name: it is alive. From a lower id: elect (bully it).",
  },
  plans: {
    steady,
    coordinator_kill: coordinatorKill,
    restart_higher: restartHigher,
    cascade,
    partition_heal: partitionHeal,
    lower_restart: lowerRestart,
  },
};
