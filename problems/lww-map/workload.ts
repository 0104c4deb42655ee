// An LWW map scenario's clients: each puts, deletes or gets a key of a small set at a random
// node, so writes of the same key race across nodes, partitions and skewed clocks.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { MapOp } from "./client.ts";

/** An LWW map scenario's clients (ScenarioPlan.workload). */
export interface MapWorkload extends ClientsSpec {
  /** The keys the clients write and read. */
  keys: string[];
  /** The shares of operations that are puts and deletes; the rest are gets. */
  putShare: number;
  deleteShare: number;
  /**
   * From atMs on, these keys are only deleted, never put: their last writes are deletes, so
   * an older put that reached a node after its delete and came back shows in the final map.
   */
  retire?: { atMs: number; keys: string[] };
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec, atMs: number): Pick<MapOp, "f" | "key"> {
  const { putShare, deleteShare, keys, retire } = spec as MapWorkload;
  const roll = rng.next();
  const key = rng.pick(keys);
  const retired = retire !== undefined && atMs >= retire.atMs && retire.keys.includes(key);
  if (roll < putShare) return { f: retired ? "delete" : "put", key };
  if (roll < putShare + deleteShare) return { f: "delete", key };
  return { f: "get", key };
}
