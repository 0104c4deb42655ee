// Every peer call takes 200 to 300 ms, so tokens and markers stay on their way for a while:
// the tokens the judge pays a node just before starting a snapshot there are still in flight
// when it records, and must show in a channel state. The clients pay more slowly than in the
// other scenarios, so the channels (one message at a time, each a quarter second) keep up.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SnapshotWorkload } from "../workload.ts";
import { oneAtATime, PAYING_CLIENTS } from "./workload.ts";

export function delayedLinks(seed: number): ScenarioPlan<SnapshotWorkload> {
  const random = seededRandom(seed).fork("delayed_links");
  const times = [1200, 2700, 4200, 5700].map((t) => t + random.int(0, 300));
  const snapshots = oneAtATime(random, times);
  return {
    name: "delayed_links",
    description: `Three clients pay small amounts between random nodes every 150 to 300 ms while every peer link delays calls by 250±50 ms; snapshots ${snapshots.map((s) => `${s.snapshotId} at ${s.node}`).join(", ")} start one at a time.`,
    seed,
    workload: { ...PAYING_CLIENTS, thinkMs: [150, 300], snapshots },
    workloadMs: 7000,
    faults: [
      {
        atMs: 200,
        action: {
          kind: "flaky",
          dropProbability: 0,
          loseAnswerProbability: 0,
          delayMs: 250,
          jitterMs: 50,
          clients: false,
        },
      },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
