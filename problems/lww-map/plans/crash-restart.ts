// Every node in turn is killed (SIGKILL) and restarted with its DATA_DIR while the clients
// put, delete and get: what a node acknowledged (its writes, tombstones, its clock, what it
// still owes its peers) must survive, and the restarted node catch up.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MapWorkload } from "../workload.ts";
import { MAP_CLIENTS } from "./workload.ts";

export function crashRestart(seed: number): ScenarioPlan<MapWorkload> {
  const random = seededRandom(seed).fork("crash_restart");
  const left = ["node-0", "node-1", "node-2"];
  const order = [0, 1, 2].map(() => left.splice(random.int(0, left.length - 1), 1)[0] as string);
  const faults = order.flatMap((node, i) => {
    const killAt = 1200 + i * 2000 + random.int(0, 300);
    return [
      { atMs: killAt, action: { kind: "kill" as const, node } },
      { atMs: killAt + 1000, action: { kind: "start" as const, node } },
    ];
  });
  return {
    name: "crash_restart",
    description: `Four clients put, delete and get at random nodes; ${order.join(", then ")} are each killed for a second and restarted.`,
    seed,
    workload: MAP_CLIENTS,
    workloadMs: 7500,
    faults,
    recoveryMs: 2500,
    idleWindows: [],
  };
}
