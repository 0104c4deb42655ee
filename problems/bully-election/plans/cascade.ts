// node-4 is killed, then node-3 while it is taking over (before or just after it announces):
// the nodes that heard node-3's OK must not wait for it forever; node-2 must lead.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PollWorkload } from "../workload.ts";
import { POLL_CLIENTS, RECOVERY_MS } from "./workload.ts";

export function cascade(seed: number): ScenarioPlan<PollWorkload> {
  const random = seededRandom(seed).fork("cascade");
  const firstAt = random.int(1500, 2000);
  // 0.8 to 1.2 s after node-4's death is when node-3's election runs.
  const secondAt = firstAt + random.int(800, 1200);
  return {
    name: "cascade",
    description: `node-4 is killed at ${(firstAt / 1000).toFixed(1)} s and node-3 at ${(secondAt / 1000).toFixed(1)} s, while it takes over; both stay down until the end: node-2 must be named within 3 s.`,
    seed,
    workload: POLL_CLIENTS,
    workloadMs: secondAt + 4500,
    faults: [
      { atMs: firstAt, action: { kind: "kill", node: "node-4" } },
      { atMs: secondAt, action: { kind: "kill", node: "node-3" } },
    ],
    recoveryMs: RECOVERY_MS,
    idleWindows: [],
  };
}
