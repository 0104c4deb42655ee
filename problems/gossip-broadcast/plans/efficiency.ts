// Gossip Glomers 3d on five nodes: no faults, every peer link delays each call 100 ms (the
// judge's links stay clean), and the nodes are judged on messages per operation and on how
// soon a broadcast value is seen by every later read (statement.md, limits.ts).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { BroadcastWorkload } from "../workload.ts";
import { EFFICIENCY_SCENARIO } from "../limits.ts";
import { BROADCAST_CLIENTS } from "./workload.ts";

export function efficiency(seed: number): ScenarioPlan<BroadcastWorkload> {
  return {
    name: EFFICIENCY_SCENARIO,
    description:
      "Four clients broadcast and read at random nodes with no faults while every link between nodes delays each call by 100 ms.",
    seed,
    workload: BROADCAST_CLIENTS,
    workloadMs: 6500,
    faults: [
      {
        atMs: 0,
        action: {
          kind: "flaky",
          dropProbability: 0,
          loseAnswerProbability: 0,
          delayMs: 100,
          jitterMs: 0,
          clients: false,
        },
      },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
