// node-1 is killed and restarted while node-4 leads: the restarted node elects, every higher
// node answers its Election, and node-4's Coordinator must reach it; nobody else may win.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function lowerRestart(seed: number): ScenarioPlan<PollWorkload> {
  const random = seededRandom(seed).fork("lower_restart");
  const killAt = random.int(1500, 2000);
  const startAt = killAt + random.int(1500, 2000);
  return {
    name: "lower_restart",
    description: `node-1 is killed at ${(killAt / 1000).toFixed(1)} s and restarted at ${(startAt / 1000).toFixed(1)} s: its election must end with node-4 named again by every node.`,
    seed,
    workload: POLL_CLIENTS,
    workloadMs: startAt + 3600,
    faults: [
      { atMs: killAt, action: { kind: "kill", node: "node-1" } },
      { atMs: startAt, action: { kind: "start", node: "node-1" } },
    ],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
