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
  plans: {
    steady,
    hot_key: hotKey,
    edge_bursts: edgeBursts,
    partition,
    restart,
    clock_skew: clockSkew,
  },
};
