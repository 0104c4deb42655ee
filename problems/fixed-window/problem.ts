// Problem 9, Fixed Window rate limiter: three nodes share one limit per key (at most N
// requests in each window of W ms, the windows laid end to end from the judge's first
// Configure); a request may reach any node, and the cluster as a whole admits no more than N
// in a window, through partitions, restarts and a skewed clock, while a load below the limit
// goes through. Scenarios: steady load, a hot key, bursts at window edges, a partition, a
// restart of every node, a skewed clock.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { clockSkew } from "./plans/clock-skew.ts";
import { edgeBursts } from "./plans/edge-bursts.ts";
import { hotKey } from "./plans/hot-key.ts";
import { partition } from "./plans/partition.ts";
import { restart } from "./plans/restart.ts";
import { steady } from "./plans/steady.ts";

export const fixedWindow: ProblemDefinition = {
  id: 9,
  slug: "fixed-window",
  title: "Fixed Window Rate Limiter",
  difficulty: "Medium",
  nodeCount: 3,
  description: "A cluster-wide count per key and window that holds through partitions and restarts",
  protoFile: "fixed_window.proto",
  roles: [],
  templateHints: {
    Configure:
      "put the limit in force (the same limit again changes nothing). Window k starts k * window_ms after (now - elapsed_ms) on your monotonic clock; with elapsed_ms > 0, admit nothing before the next window begins.",
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
