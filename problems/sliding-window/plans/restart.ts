// A node killed right after bursts filled every homed key's window, and restarted before the
// window ends: it has forgotten what it allowed, and the judge configures it again with
// elapsed_ms above the window. Bursts on the same keys right after it answers must find the
// window still full at the key it is home to.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { WindowLimit } from "../client.ts";
import { saturating } from "../../../harness/rate-limit/plan-blocks.ts";
import { burstsOnEveryHome, NODES, type WindowWorkload } from "./blocks.ts";

/** A window long enough to hold a kill, a restart and the judge's Configure. */
export const RESTART_LIMIT: WindowLimit = { limit: 5, windowMs: 3000 };

export function restart(seed: number): ScenarioPlan<WindowWorkload> {
  const random = seededRandom(seed).fork("restart");
  const victim = NODES[random.int(0, 2)] as string;
  // After one whole window from the judge's time 0, so the restarted node's elapsed_ms is
  // above the window.
  const fillAt = 3300;
  return {
    name: "restart",
    description: `Windows of 3 s, limit 5: bursts of 18 requests on key-0, key-1 and key-2 (6 to every node) at 3.3 s; ${victim} is killed at 3.5 s and restarted at 3.7 s; the same bursts again at 4.5 s, or once the judge has configured it anew if later, while the first bursts are still in their window; a client saturates the key hot throughout.`,
    seed,
    workload: {
      limit: RESTART_LIMIT,
      streams: [saturating("hot", 300, 7000, 2)],
      bursts: [
        ...burstsOnEveryHome(fillAt, RESTART_LIMIT),
        ...burstsOnEveryHome(fillAt + 1200, RESTART_LIMIT),
      ],
    },
    workloadMs: 7000,
    faults: [
      { atMs: fillAt + 200, action: { kind: "kill", node: victim } },
      { atMs: fillAt + 400, action: { kind: "start", node: victim } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
