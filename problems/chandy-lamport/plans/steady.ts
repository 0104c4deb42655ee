// No faults: snapshots one at a time while the clients pay, about 1.5 s apart.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SnapshotWorkload } from "../workload.ts";
import { oneAtATime, PAYING_CLIENTS } from "./workload.ts";

export function steady(seed: number): ScenarioPlan<SnapshotWorkload> {
  const random = seededRandom(seed).fork("steady");
  const times = [1000, 2500, 4000, 5500].map((t) => t + random.int(0, 300));
  const snapshots = oneAtATime(random, times);
  return {
    name: "steady",
    description: `Three clients pay small amounts between random nodes; snapshots ${snapshots.map((s) => `${s.snapshotId} at ${s.node}`).join(", ")} start one at a time, about 1.5 s apart. No faults.`,
    seed,
    workload: { ...PAYING_CLIENTS, snapshots },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 2000,
    idleWindows: [],
  };
}
