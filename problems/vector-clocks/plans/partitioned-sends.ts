// Sends across cut links: one node is cut off from the others, healed, then another. Messages
// sent across the cut wait at their senders and arrive after the heal, out of order with the
// events recorded meanwhile; each side keeps answering (availability).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { ClockWorkload } from "../workload.ts";
import { CLOCK_CLIENTS } from "./workload.ts";

export function partitionedSends(seed: number): ScenarioPlan<ClockWorkload> {
  const random = seededRandom(seed).fork("partitioned_sends");
  const first = random.int(1000, 1500);
  const second = random.int(4200, 4700);
  const [alone, later] = random.int(0, 1) ? ["node-0", "node-2"] : ["node-2", "node-1"];
  return {
    name: "partitioned_sends",
    description: `Three clients record events, send messages and compare clocks at random nodes; ${alone} is cut off from the others for 2.5 s, then, after a heal, ${later} until the end.`,
    seed,
    workload: CLOCK_CLIENTS,
    workloadMs: 7500,
    faults: [
      { atMs: first, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: first + 2500, action: { kind: "heal" } },
      { atMs: second, action: { kind: "partition", groups: [[later], ["others"]] } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
