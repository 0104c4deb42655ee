// Every node in turn is killed (SIGKILL) and restarted with its DATA_DIR while the clients
// add, remove and read: what a node acknowledged (tags, tombstones, what it still owes its
// peers) must survive, and the restarted node catch up.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SetWorkload } from "../workload.ts";
import { SET_CLIENTS } from "./workload.ts";

/**
 * Ten elements, not four: a tag or tombstone a killed node forgot shows in the final sets only
 * while later adds and removes of the same element have not covered it, so fewer operations
 * per element keep such a loss visible.
 */
const CRASH_CLIENTS: SetWorkload = {
  ...SET_CLIENTS,
  elements: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
};

export function crashRestart(seed: number): ScenarioPlan<SetWorkload> {
  const random = seededRandom(seed).fork("crash_restart");
  const left = ["node-0", "node-1", "node-2"];
  const order = [0, 1, 2].map(() => left.splice(random.int(0, left.length - 1), 1)[0] as string);
  const faults = order.flatMap((node, i) => {
    // The last node is down until the workload's end: what its peers sent while it was
    // down must reach it in the recovery, with no later operations to cover a loss.
    const killAt = 1200 + i * 2500 + random.int(0, 300);
    return [
      { atMs: killAt, action: { kind: "kill" as const, node } },
      { atMs: killAt + 1000, action: { kind: "start" as const, node } },
    ];
  });
  return {
    name: "crash_restart",
    description: `Four clients add, remove and read ten elements at random nodes; ${order.join(", then ")} are each killed for a second and restarted.`,
    seed,
    workload: CRASH_CLIENTS,
    workloadMs: 7500,
    faults,
    recoveryMs: 2500,
    idleWindows: [],
  };
}
