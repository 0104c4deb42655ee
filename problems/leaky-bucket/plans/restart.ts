// One release, then every node killed and restarted: the restarted nodes have forgotten when
// the key last let a request out, so the first release of their new life must wait an
// interval from the Configure that follows (statement, Restarts). The drain is slow (one
// request every 4 s, none waiting) so that the release before the kill and any release the
// restarted home makes at once lie well within one interval, however slowly the nodes start.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import type { QueueLimit } from "../client.ts";
import type { QueueWorkload } from "./limit.ts";

const LIMIT: QueueLimit = { drainPerSecond: 0.25, queueSize: 0 };

export function restart(seed: number): ScenarioPlan<QueueWorkload> {
  return {
    name: "restart",
    description: `The key drains ${LIMIT.drainPerSecond} per second (one every 4 s) with none waiting. 3 requests at once on "restart" at 2.9 s (one leaves); every node killed at 3 s and started at 3.2 s; 3 more once all are configured again (from 3.3 s), and again at 8.5 s and 12.5 s; a saturated key beside them.`,
    seed,
    workload: {
      limit: LIMIT,
      // 12.5 s: a release in a settled stretch even when the nodes take seconds to start
      // again (1.6 s seen), since the restarted home waits an interval after its Configure.
      streams: [saturating("bg", 0, 13000, 2)],
      bursts: [
        // Sent at 2.9 s as it is: every node was configured at the start. Waiting for a look
        // at the agents after 2.9 s that sees them all running, as a burst may, can miss the
        // 100 ms before the kill and send it after the restart with the next one.
        { ...burst("restart", 2900, 3), whenConfigured: false },
        ...[3300, 8500, 12500].map((atMs) => burst("restart", atMs, 3)),
      ],
    },
    workloadMs: 13000,
    faults: [
      { atMs: 3000, action: { kind: "kill-all" } },
      { atMs: 3200, action: { kind: "start-all" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
