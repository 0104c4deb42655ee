// The clients of the chain's scenarios, and the chain the master starts with (plans name the
// head, middle and tail of epoch 1 by the seed, as the master draws them).
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
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
