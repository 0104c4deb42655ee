// A window's limit taken by a burst, then every node killed and restarted inside the same
// window (6 s long): the restarted nodes are configured again with elapsed_ms > 0 and must
// admit nothing more before the next window. A second burst, sent as soon as every node is
// configured again, is all denied by a correct cluster; a node that counts from zero on
// configuration admits the limit again inside the one window.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import type { WindowWorkload } from "./limit.ts";

const LIMIT = { limit: 10, windowMs: 6000 };

export function restart(seed: number): ScenarioPlan<WindowWorkload> {
  return {
    name: "restart",
    description: `The limit is ${LIMIT.limit} per window of ${LIMIT.windowMs} ms. 20 requests at once on "restart" at 0.3 s; every node killed at 0.6 s and started at 0.8 s; 20 more once all are configured again (from 1.2 s), and again at 6.5 s (the next window); a saturated key beside them.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [saturating("bg", 0, 7500, 2)],
      bursts: [300, 1200, 6500].map((atMs) => burst("restart", atMs, 2 * LIMIT.limit)),
    },
    workloadMs: 7500,
    faults: [
      { atMs: 600, action: { kind: "kill-all" } },
      { atMs: 800, action: { kind: "start-all" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
