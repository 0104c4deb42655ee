// A node is paused (SIGSTOP) for a second while the others want the section: they wait for
// its replies, and everyone goes on once it resumes. A crash would block everyone for good,
// by design, so no scenario kills a node (statement.md).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MutexWorkload } from "../workload.ts";
import { CONTENDING_CLIENTS } from "./workload.ts";

export function pausedNode(seed: number): ScenarioPlan<MutexWorkload> {
  const random = seededRandom(seed).fork("paused_node");
  const node = `node-${random.int(0, 2)}`;
  const at = random.int(1500, 2000);
  return {
    name: "paused_node",
    description: `One client per node, each asking again within 10 ms; ${node} is paused for 1 s at ${(at / 1000).toFixed(1)} s, then resumed.`,
    seed,
    workload: CONTENDING_CLIENTS,
    workloadMs: 7500,
    faults: [
      { atMs: at, action: { kind: "pause", node } },
      { atMs: at + 1000, action: { kind: "resume", node } },
    ],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
