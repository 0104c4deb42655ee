// Snapshots started at two or three nodes within a few ms of each other, three times, while
// the clients pay and every peer call takes 60 to 100 ms: each starter records its own
// snapshot before any other starter's marker can reach it, so every node records several
// snapshots at once and each channel carries markers of several.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SnapshotStart, SnapshotWorkload } from "../workload.ts";
import { NODES, PAYING_CLIENTS, startAt } from "./workload.ts";

export function concurrentSnapshots(seed: number): ScenarioPlan<SnapshotWorkload> {
  const random = seededRandom(seed).fork("concurrent_snapshots");
  const snapshots: SnapshotStart[] = [];
  for (const base of [1200, 3200, 5200]) {
    const atMs = base + random.int(0, 300);
    const left = [...NODES];
    const starters = Array.from(
      { length: random.int(2, 3) },
      () => left.splice(random.int(0, left.length - 1), 1)[0] as string,
    );
    for (const node of starters) snapshots.push(startAt(random, atMs, node, snapshots.length + 1));
  }
  const groups = [...new Set(snapshots.map((s) => s.atMs))].map(
    (at) =>
      `${snapshots
        .filter((s) => s.atMs === at)
        .map((s) => `${s.snapshotId} at ${s.node}`)
        .join(" and ")}`,
  );
  return {
    name: "concurrent_snapshots",
    description: `Three clients pay small amounts between random nodes while every peer link delays calls by 80±20 ms; three times, snapshots start at different nodes at the same instant: ${groups.join("; ")}.`,
    seed,
    workload: { ...PAYING_CLIENTS, snapshots },
    workloadMs: 7000,
    faults: [
      {
        atMs: 200,
        action: {
          kind: "flaky",
          dropProbability: 0,
          loseAnswerProbability: 0,
          delayMs: 80,
          jitterMs: 20,
          clients: false,
        },
      },
    ],
    recoveryMs: 2000,
    idleWindows: [],
  };
}
