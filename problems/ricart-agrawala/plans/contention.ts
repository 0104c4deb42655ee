// Every client asks again at once. The first requests tie: the peer links delay every call
// 300 ms while all three clients send their first Acquire together (at 1 s: every node has
// long been listening), so each node requests at timestamp 1 before it hears of another's
// request, and only the node ids decide.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { MutexWorkload } from "../workload.ts";
import { CONTENDING_CLIENTS } from "./workload.ts";

/** Longer than the spread of the three first Acquires' arrivals by far. */
const TIE_DELAY_MS = 300;

export function contention(seed: number): ScenarioPlan<MutexWorkload> {
  return {
    name: "contention",
    description: `One client per node, each asking again within 10 ms of its release; the peer links delay every call ${TIE_DELAY_MS} ms until 1.8 s, so the three first requests, sent together at 1 s, all carry timestamp 1.`,
    seed,
    workload: CONTENDING_CLIENTS,
    workloadMs: 7000,
    faults: [
      {
        atMs: 0,
        action: {
          kind: "flaky",
          dropProbability: 0,
          loseAnswerProbability: 0,
          delayMs: TIE_DELAY_MS,
          jitterMs: 0,
          clients: false,
        },
      },
      { atMs: 1800, action: { kind: "heal" } },
    ],
    recoveryMs: 1000,
    idleWindows: [],
  };
}
