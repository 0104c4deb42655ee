// Problem 10, Sliding Window Rate Limiter (the log variant): three nodes answer Allow for any
// key, and the cluster allows at most `limit` requests of a key in any window of window_ms,
// partitions and restarts included. Scenarios: steady load, bursts at window edges, a hot key, a
// partition, a restart, a skewed clock.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clockSkew } from "./plans/clock-skew.ts";
import { edgeBursts } from "./plans/edge-bursts.ts";
import { hotKey } from "./plans/hot-key.ts";
import { partition } from "./plans/partition.ts";
import { restart } from "./plans/restart.ts";
import { steady } from "./plans/steady.ts";

export const slidingWindow: ProblemDefinition = {
  id: 10,
  slug: "sliding-window",
  title: "Sliding Window Rate Limiter",
  difficulty: "Medium",
  nodeCount: 3,
  description: "At most N admitted in any window of the set length, cluster-wide",
  protoFile: "sliding_window.proto",
  roles: [],
  templateHints: {
    Configure:
      "keep the limit; elapsed_ms above 0 means you may have allowed requests before a restart that you no longer remember: allow nothing for one window (statement.md).",
    Allow:
      "a retry (same request_id) gets the same answer and counts once. Not configured yet: allowed false.",
    Forward: "(if your design uses it) decide a request another node received.",
  },
  plans: {
    steady,
    edge_bursts: edgeBursts,
    hot_key: hotKey,
    partition,
    restart,
    clock_skew: clockSkew,
  },
};
