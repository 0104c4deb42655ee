// The clients of the chain's scenarios, and the chain the master starts with (plans name the
// head, middle and tail of epoch 1 by the seed, as the master draws them).
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import type { ArmedTrigger, ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import { initialChain } from "../membership.ts";

export const CHAIN_CLIENTS: KvWorkload = {
  clients: 4,
  keys: 4,
  mix: { get: 4, put: 2, append: 4 },
  thinkMs: [20, 60],
  // Follow NOT_HEAD / NOT_TAIL hints to the head (writes) and the tail (reads).
  targeting: "leader",
};

const NODES = ["node-0", "node-1", "node-2"];

/** Epoch 1's head, middle and tail for this seed. */
export function firstChain(seed: number): { head: string; middle: string; tail: string } {
  const [head, middle, tail] = initialChain(seed, NODES) as [string, string, string];
  return { head, middle, tail };
}

/**
 * A scenario where a node's own agent kills it the moment it sends or takes the call the
 * trigger describes (armed 2–3 s in, while clients write), restarted 3 s after arming: it
 * rejoins as the tail.
 */
export function killedByTrigger(
  seed: number,
  plan: Pick<ScenarioPlan<KvWorkload>, "name" | "description"> & {
    node: string;
    trigger: ArmedTrigger;
  },
): ScenarioPlan<KvWorkload> {
  const armAt = seededRandom(seed).fork(plan.name).int(2000, 3000);
  return {
    name: plan.name,
    description: plan.description,
    seed,
    workload: CHAIN_CLIENTS,
    workloadMs: armAt + 7000,
    idleWindows: [],
    faults: [
      { atMs: armAt, action: { kind: "arm", node: plan.node, trigger: plan.trigger } },
      { atMs: armAt + 3000, action: { kind: "disarm", node: plan.node } },
    ],
    recoveryMs: 3000,
  };
}
