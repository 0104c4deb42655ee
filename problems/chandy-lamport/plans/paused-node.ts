// A node is paused (SIGSTOP) for 2.5 s while snapshots are in progress: one starts at another
// node 200 ms into the pause, so its marker to the paused node waits the whole pause, resent
// with the same number, and is applied once when the node resumes. Every peer call takes 20
// to 40 ms, so tokens are in flight throughout.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SnapshotWorkload } from "../workload.ts";
import { NODES, PAYING_CLIENTS, startAt } from "./workload.ts";

export const PAUSE_AT_MS = 2000;
export const PAUSE_MS = 2500;

export function pausedNode(seed: number): ScenarioPlan<SnapshotWorkload> {
  const random = seededRandom(seed).fork("paused_node");
  const paused = random.pick(NODES);
  const others = NODES.filter((n) => n !== paused);
  const snapshots = [
    startAt(random, 1000 + random.int(0, 300), random.pick(NODES), 1),
    startAt(random, PAUSE_AT_MS + 200, random.pick(others), 2, [paused]),
    startAt(random, PAUSE_AT_MS + 1200, random.pick(others), 3, [paused]),
    startAt(random, 5500 + random.int(0, 300), random.pick(NODES), 4),
  ];
  return {
    name: "paused_node",
    description: `Three clients pay small amounts between random nodes while every peer link delays calls by 30±10 ms; ${paused} is paused for 2.5 s from 2 s, while snapshots 2 and 3 start at ${snapshots[1]?.node} and ${snapshots[2]?.node}; snapshots 1 and 4 start before and after.`,
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
          delayMs: 30,
          jitterMs: 10,
          clients: false,
        },
      },
      { atMs: PAUSE_AT_MS, action: { kind: "pause", node: paused } },
      { atMs: PAUSE_AT_MS + PAUSE_MS, action: { kind: "resume", node: paused } },
    ],
    recoveryMs: 2000,
    idleWindows: [],
  };
}
