// Problem 16, Gossip Broadcast: five nodes that take values at any node, answer reads through
// any partition, and hold every value once healed, within message and latency limits.
// Scenarios: partitions, crashes, lost answers, and Gossip Glomers 3d's efficiency run.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { crashRestart } from "./plans/crash-restart.ts";
import { efficiency } from "./plans/efficiency.ts";
import { lostAnswers } from "./plans/lost-answers.ts";
import { partitionedBroadcasts } from "./plans/partitioned-broadcasts.ts";

export const gossipBroadcast: ProblemDefinition = {
  id: 16,
  slug: "gossip-broadcast",
  title: "Gossip Broadcast",
  difficulty: "Medium-Hard",
  nodeCount: 5,
  description:
    "Every broadcast value reaches every node after healing, within message and latency limits",
  protoFile: "gossip_broadcast.proto",
  roles: [],
  templateHints: {
    Broadcast:
      "a value you hold already is a retry: answer and change nothing. Otherwise hold the message, owe it to every peer, persist, answer, and get the gossip going.",
    Read: "answer every value you hold, each once, asking no peer.",
    Gossip: "hold the values of messages you did not hold; persist before answering.",
  },
  plans: {
    partitioned_broadcasts: partitionedBroadcasts,
    crash_restart: crashRestart,
    lost_answers: lostAnswers,
    efficiency,
  },
};
