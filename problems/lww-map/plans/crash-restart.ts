// Every node in turn is killed (SIGKILL) and restarted with its DATA_DIR while the clients
// put, delete and get: what a node acknowledged (its writes, tombstones, its clock, what it
// still owes its peers) must survive, and the restarted node catch up. Each kill comes right
// after the answer to a put of a key no client writes, so a write acknowledged before it was
// saved is surely lost, and shows in the final maps.
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
      // A put of a key no client writes, killed right after its answer: only a node that
      // saved it before answering still has it, and the final maps show whether it does.
      {
        atMs: killAt,
        action: {
          kind: "request" as const,
          node,
          label: `last-put-${i}`,
          request: { f: "put", key: `last-${i}` },
          budgetMs: 500,
        },
      },
      { atMs: killAt, action: { kind: "kill" as const, node } },
      { atMs: killAt + 1000, action: { kind: "start" as const, node } },
    ];
  });
  return {
    name: "crash_restart",
    description: `Four clients put, delete and get at random nodes; ${order.join(", then ")} are each killed for a second and restarted, each right after the judge's put of a key of its own ("last-0", …) is answered.`,
    seed,
    workload: MAP_CLIENTS,
    workloadMs: 7500,
    faults,
    recoveryMs: 2500,
    idleWindows: [],
  };
}
