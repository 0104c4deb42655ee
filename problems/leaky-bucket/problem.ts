// Problem 8, Leaky Bucket Rate Limiter (the queue form): three nodes answer Allow for any key;
// each key's requests wait in one queue and leave it at the drain rate across the whole
// cluster, partitions and restarts included. Scenarios: steady load, a hot key, bursts, a
// partition, a restart, a skewed clock.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { bursts } from "./plans/bursts.ts";
import { restart } from "./plans/restart.ts";
import { clockSkew, hotKey, partition, steady } from "./plans/scenarios.ts";

export const leakyBucket: ProblemDefinition = {
  id: 8,
  slug: "leaky-bucket",
  title: "Leaky Bucket Rate Limiter",
  difficulty: "Medium",
  nodeCount: 3,
  description: "A smooth cluster-wide outflow rate; queue bound respected",
  protoFile: "leaky_bucket.proto",
  roles: [],
  templateHints: {
    Configure:
      "keep the limit; elapsed_ms above 0 means you may have let requests out before a restart that you no longer remember: let none out for one interval (statement.md).",
    Allow:
      "allowed true when the request leaves its key's queue, false at once when the queue is full; a retry (same request_id) gets the same answer and counts once. Not configured yet: false.",
    Forward: "(if your design uses it) decide a request another node received.",
  },
  plans: {
    steady,
    hot_key: hotKey,
    bursts,
    partition,
    restart,
    clock_skew: clockSkew,
  },
};
