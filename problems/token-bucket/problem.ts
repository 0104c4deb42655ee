// Problem 7, Token Bucket rate limiter: three nodes share one bucket per key (burst b,
// refill r per second); a request may reach any node, and the cluster as a whole admits no
// more than b + r·t in any t, through partitions, restarts and a skewed clock, while a load
// below the limit goes through. Scenarios: steady load, a hot key, bursts, a partition, a
// restart of every node, a skewed clock.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clockSkew } from "./plans/clock-skew.ts";
import { edgeBursts } from "./plans/edge-bursts.ts";
import { hotKey } from "./plans/hot-key.ts";
import { partition } from "./plans/partition.ts";
import { restart } from "./plans/restart.ts";
import { steady } from "./plans/steady.ts";

export const tokenBucket: ProblemDefinition = {
  id: 7,
  slug: "token-bucket",
  title: "Token Bucket Rate Limiter",
  difficulty: "Medium",
  nodeCount: 3,
  description: "A cluster-wide token bucket per key that holds through partitions and restarts",
  protoFile: "token_bucket.proto",
  roles: [],
  templateHints: {
    Configure:
      "put the limit in force (the same limit again changes nothing); buckets start full when elapsed_ms is 0, empty otherwise.",
    Allow:
      "answer allowed as the key's one decider says; a retried request_id gets the decision it got before. Not configured, or the decider unreachable: false.",
    Forward: "(if you use it) decide a request a peer passed on, as for Allow.",
  },
  plans: {
    steady,
    hot_key: hotKey,
    edge_bursts: edgeBursts,
    partition,
    restart,
    clock_skew: clockSkew,
  },
};
