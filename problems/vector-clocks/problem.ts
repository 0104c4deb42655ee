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
  templateHints: {
    Event:
      "a retry of the client's last request answers its clock again. Otherwise add one to your own entry, log the event, persist, answer the clock.",
    Send: "as Event (a send to yourself or an unknown node is INVALID_ARGUMENT), and queue a Deliver (from: your id, message: your own entry, clock) for `to` before persisting. (`from` is a keyword in some languages: see your stubs for its name.)",
    Compare: "BEFORE, AFTER, CONCURRENT or EQUAL for a against b.",
    Log: "every event you logged (kind, clock, peer, message), in order.",
    Deliver:
      "a message (from, message) received before is acknowledged and nothing else. Otherwise take the larger of each entry, add one to your own, log the receive, persist, then answer.",
  },
  plans: {
    steady,
    partitioned_sends: partitionedSends,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
  },
};
