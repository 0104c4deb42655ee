// A bucket emptied by a burst, then every node killed and restarted: the restarted nodes
// have forgotten the bucket, the judge configures them again (elapsed_ms > 0), and a second
// burst as soon as they are configured may take only what refilled since. The bucket is large
// against its rate (20 tokens, 5 per second) so that the second burst comes long before a
// full bucket could have refilled: a node that restarts with full buckets admits 20 again.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import type { BucketWorkload } from "./limit.ts";

const LIMIT = { burst: 20, refillPerSecond: 5 };

export function restart(seed: number): ScenarioPlan<BucketWorkload> {
  return {
    name: "restart",
    description: `The bucket is ${LIMIT.burst} tokens, ${LIMIT.refillPerSecond} per second. 40 requests at once on "restart" at 1 s; every node killed at 1.3 s and started at 1.5 s; 40 more once all are configured again (from 2 s), and again at 6.5 s; a saturated key beside them.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [saturating("bg", 0, 7500, 2)],
      bursts: [1000, 2000, 6500].map((atMs) => burst("restart", atMs, 2 * LIMIT.burst)),
    },
    workloadMs: 7500,
    faults: [
      { atMs: 1300, action: { kind: "kill-all" } },
      { atMs: 1500, action: { kind: "start-all" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
