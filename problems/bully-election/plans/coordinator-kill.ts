// The coordinator node-4 is killed and stays down until the end: node-3 must take over
// within the bound; the final heal restarts node-4, which must take the lead back.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function coordinatorKill(seed: number): ScenarioPlan<PollWorkload> {
  const random = seededRandom(seed).fork("coordinator_kill");
  const killAt = random.int(2000, 2500);
  return {
    name: "coordinator_kill",
    description: `node-4, the coordinator, is killed at ${(killAt / 1000).toFixed(1)} s and stays down until the end: node-3 must be named within 3 s.`,
    seed,
    workload: POLL_CLIENTS,
    workloadMs: 8000,
    faults: [{ atMs: killAt, action: { kind: "kill", node: "node-4" } }],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
