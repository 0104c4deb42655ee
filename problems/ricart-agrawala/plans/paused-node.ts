// A node is paused (SIGSTOP) for 3 s while the others want the section: they wait for its
// replies, longer than the judge's 2.5 s call deadline, so their acquires are retried and
// must wait for the same request; everyone goes on once it resumes. A crash would block everyone for good,
// by design, so no scenario kills a node (statement.md).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MutexWorkload } from "../workload.ts";
import { CONTENDING_CLIENTS } from "./workload.ts";

/** Longer than the judge's call deadline (2.5 s): the waiting acquires are retried. */
const PAUSE_MS = 3000;

export function pausedNode(seed: number): ScenarioPlan<MutexWorkload> {
  const random = seededRandom(seed).fork("paused_node");
  const node = `node-${random.int(0, 2)}`;
  const at = random.int(1500, 2000);
  return {
    name: "paused_node",
    description: `One client per node, each asking again within 10 ms; ${node} is paused for 3 s at ${(at / 1000).toFixed(1)} s (the acquires waiting on it are retried), then resumed.`,
    seed,
    workload: CONTENDING_CLIENTS,
    workloadMs: 8500,
    faults: [
      { atMs: at, action: { kind: "pause", node } },
      { atMs: at + PAUSE_MS, action: { kind: "resume", node } },
    ],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
