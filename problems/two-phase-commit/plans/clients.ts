// The clients of the Two-Phase Commit scenarios, and the shape of a scenario where node-0 or a
// participant is killed by its own agent the moment it sends or takes the call a trigger
// describes (armed 2–3 s in), restarted 3 s after arming, with 3 s more of workload after it.
import type { ArmedTrigger, ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { TxnWorkload } from "../workload.ts";

/** Three clients, mostly transfers of 1 to 5: most commit, some meet a lock and abort. */
export const TXN_CLIENTS: TxnWorkload = {
  clients: 3,
  transferShare: 0.7,
  amountMax: 5,
  thinkMs: [20, 60],
};

/**
 * One client, 150–250 ms between operations: no two transactions overlap, so a Prepare never
 * meets a lock, and in 3 s no account can fall below the amount of a transfer (at most 5
 * from 100, about 15 times): every participant votes YES.
 */
export const SOLO_CLIENT: TxnWorkload = {
  clients: 1,
  transferShare: 0.7,
  amountMax: 5,
  thinkMs: [150, 250],
};

/** Recovery: longer than the 3 s resolution bound after the last restart or heal. */
export const RECOVERY_MS = 4000;

export function killedByTrigger(
  seed: number,
  plan: Pick<ScenarioPlan<TxnWorkload>, "name" | "description"> & {
    node: string;
    trigger: ArmedTrigger;
    workload?: TxnWorkload;
  },
): ScenarioPlan<TxnWorkload> {
  const armAt = seededRandom(seed).fork(plan.name).int(2000, 3000);
  return {
    name: plan.name,
    description: plan.description,
    seed,
    workload: plan.workload ?? TXN_CLIENTS,
    workloadMs: armAt + 6000,
    idleWindows: [],
    faults: [
      { atMs: armAt, action: { kind: "arm", node: plan.node, trigger: plan.trigger } },
      { atMs: armAt + 3000, action: { kind: "disarm", node: plan.node } },
    ],
    recoveryMs: RECOVERY_MS,
  };
}
