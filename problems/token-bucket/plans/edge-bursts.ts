// Bursts of four buckets' worth of requests on an idle key, all at once and spread over the
// nodes: a full bucket admits `burst` of them and no more. The first comes 2 s after the
// limit is in force, when the bucket has been full for 2 s: a bucket that is not capped at
// its burst holds 30 tokens then and admits 30 within a few ms.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, steady } from "../../../harness/rate-limit/plan-blocks.ts";
import { LIMIT, STEADY, type BucketWorkload } from "./limit.ts";

export function edgeBursts(seed: number): ScenarioPlan<BucketWorkload> {
  const requests = 4 * LIMIT.burst;
  return {
    name: "edge_bursts",
    description: `${requests} requests at once on the idle key "burst" at 2 s, again at 4.5 s (the bucket just refilled) and at 4.6 s (it is empty), over every node; a steady key beside them; no fault.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [steady("a", 0, 7000, STEADY.clients, STEADY.thinkMs)],
      bursts: [2000, 4500, 4600].map((atMs) => burst("burst", atMs, requests)),
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
