// node-4 is killed, node-3 takes over, then node-4 is restarted: it must bully its way back
// to coordinator within the bound.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function restartHigher(seed: number): ScenarioPlan<PollWorkload> {
  const random = seededRandom(seed).fork("restart_higher");
  const killAt = random.int(1500, 2000);
  const startAt = killAt + random.int(3600, 4000);
  return {
    name: "restart_higher",
    description: `node-4 is killed at ${(killAt / 1000).toFixed(1)} s (node-3 takes over) and restarted at ${(startAt / 1000).toFixed(1)} s: it must be named again within 3 s.`,
    seed,
    workload: POLL_CLIENTS,
    workloadMs: startAt + 3600,
    faults: [
      { atMs: killAt, action: { kind: "kill", node: "node-4" } },
      { atMs: startAt, action: { kind: "start", node: "node-4" } },
    ],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
