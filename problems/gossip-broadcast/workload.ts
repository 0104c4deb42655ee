// A Gossip Broadcast scenario's clients: each broadcasts a new value or reads, at a random
// node, so values enter on every side of a partition.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { BroadcastOp } from "./client.ts";

/** A Gossip Broadcast scenario's clients (ScenarioPlan.workload). */
export interface BroadcastWorkload extends ClientsSpec {
  /** The share of operations that are broadcasts; the rest are reads. */
  broadcastShare: number;
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<BroadcastOp, "f"> {
  const { broadcastShare } = spec as BroadcastWorkload;
  return { f: rng.next() < broadcastShare ? "broadcast" : "read" };
}
