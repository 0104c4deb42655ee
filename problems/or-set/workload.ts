// An OR-Set scenario's clients: each adds, removes or reads an element of a small set at a
// random node, so adds and removes of the same element race across nodes and partitions.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { SetOp } from "./client.ts";

/** An OR-Set scenario's clients (ScenarioPlan.workload). */
export interface SetWorkload extends ClientsSpec {
  /** The elements the clients add and remove. */
  elements: string[];
  /** The shares of operations that are adds and removes; the rest are reads. */
  addShare: number;
  removeShare: number;
  /**
   * From atMs on, these elements are only removed, never added: every node removes the
   * tags it holds, so an add that reached a node after its remove and came back shows in the
   * final set.
   */
  retire?: { atMs: number; elements: string[] };
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec, atMs: number): Pick<SetOp, "f" | "key"> {
  const { addShare, removeShare, elements, retire } = spec as SetWorkload;
  const roll = rng.next();
  if (roll >= addShare + removeShare) return { f: "read" };
  const key = rng.pick(elements);
  const retired = retire !== undefined && atMs >= retire.atMs && retire.elements.includes(key);
  return { f: roll < addShare && !retired ? "add" : "remove", key };
}
