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
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<MapOp, "f" | "key"> {
  const { putShare, deleteShare, keys } = spec as MapWorkload;
  const roll = rng.next();
  const key = rng.pick(keys);
  if (roll < putShare) return { f: "put", key };
  if (roll < putShare + deleteShare) return { f: "delete", key };
  return { f: "get", key };
}
