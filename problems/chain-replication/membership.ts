// The chain's master decides membership from what the agents say of each node: a member that
// stopped, or that was restarted since it joined (it lost everything), leaves the chain; a
// running node outside the chain joins it at the tail, one at a time. Pure, so the rules are
// tested without a cluster.
import type { NodeState } from "../../shared/ports/cluster.ts";
import { seededRandom } from "../../harness/random.ts";

/** What the master reads of one node: its state and how many times its agent started it. */
export interface NodeView {
  state: NodeState;
  starts: number;
}

/** The node's start count when it joined the current chain, by member. */
export type Joined = ReadonlyMap<string, number>;

/**
 * The next chain, or null to keep the current one. Removals come first, all at once: a dead
 * member holds up the whole chain. A paused node is kept (chain replication assumes
 * fail-stop; a pause is a slow node). A node still starting is not added yet: it must answer
 * its Configure.
 */
export function nextChain(
  chain: readonly string[],
  joined: Joined,
  views: ReadonlyMap<string, NodeView>,
): string[] | null {
  const failed = chain.filter((node) => {
    const view = views.get(node);
    if (!view) return false; // its agent did not answer: no news is not a failure
    const gone = view.state === "stopped" || view.state === "exited";
    return gone || view.starts > (joined.get(node) ?? view.starts);
  });
  if (failed.length) return chain.filter((n) => !failed.includes(n));
  const joiner = [...views].find(([node, v]) => !chain.includes(node) && v.state === "running");
  return joiner ? [...chain, joiner[0]] : null;
}

/** Epoch 1's chain: the nodes in an order drawn from the scenario's seed (plans know it). */
export function initialChain(seed: number, nodes: readonly string[]): string[] {
  const random = seededRandom(seed).fork("chain");
  const order = [...nodes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}
