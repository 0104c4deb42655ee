// Problem 10, Sliding Window Rate Limiter (the log variant): three nodes answer Allow for any
// key, and the cluster allows at most `limit` requests of a key in any window of window_ms,
// partitions and restarts included. Scenarios: steady load, window edges, skewed keys, a
// partition, a restart, a skewed clock.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clockSkew } from "./plans/clock-skew.ts";
import { nodeRestart } from "./plans/node-restart.ts";
import { partition } from "./plans/partition.ts";
import { skewedKeys } from "./plans/skewed-keys.ts";
import { steady } from "./plans/steady.ts";
import { windowEdges } from "./plans/window-edges.ts";

export const slidingWindow: ProblemDefinition = {
  id: 10,
  slug: "sliding-window",
  title: "Sliding Window Rate Limiter",
  difficulty: "Medium",
  nodeCount: 3,
  description: "At most N admitted in any window of the set length, cluster-wide",
  protoFile: "sliding_window.proto",
  roles: [],
  plans: {
    steady,
    window_edges: windowEdges,
    skewed_keys: skewedKeys,
    partition,
    node_restart: nodeRestart,
    clock_skew: clockSkew,
  },
};
