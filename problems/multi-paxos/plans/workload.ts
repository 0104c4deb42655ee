// The clients of Multi-Paxos's own scenarios, and the shape those scenarios share: rounds of
// faults steered by who leads, repeated while clients write, each repaired by a heal.
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import type { RoundStep, ScenarioPlan } from "../../../harness/plan.ts";

/** They follow leader hints, as the statement's clients do, and append unique values. */
export const PAXOS_CLIENTS: KvWorkload = {
  clients: 4,
  keys: 5,
  mix: { get: 3, put: 2, append: 5 },
  thinkMs: [30, 80],
  targeting: "leader",
};

const WORKLOAD_MS = 14_000;
const FIRST_ROUND_MS = 1500;

/** A scenario of rounds from 1.5 s while `untilBeforeEndMs` remain; a heal after each. */
export function roundsPlan(
  seed: number,
  plan: Pick<ScenarioPlan<KvWorkload>, "name" | "description"> & {
    round: RoundStep[];
    workload?: KvWorkload;
    untilBeforeEndMs: number;
  },
): ScenarioPlan<KvWorkload> {
  return {
    name: plan.name,
    description: plan.description,
    seed,
    workload: plan.workload ?? PAXOS_CLIENTS,
    workloadMs: WORKLOAD_MS,
    idleWindows: [],
    faults: [
      {
        atMs: FIRST_ROUND_MS,
        action: {
          kind: "rounds",
          untilMs: WORKLOAD_MS - plan.untilBeforeEndMs,
          steps: plan.round,
          finally: [{ afterMs: 0, action: { kind: "heal" } }],
        },
      },
    ],
    recoveryMs: 3000,
  };
}
