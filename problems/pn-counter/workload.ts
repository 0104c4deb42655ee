// A PN-Counter scenario's clients: each adds a seeded delta of either sign or reads, at a
// random node.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { CounterOp } from "./client.ts";

/** A PN-Counter scenario's clients (ScenarioPlan.workload). */
export interface PnWorkload extends ClientsSpec {
  /** The share of operations that are adds; the rest are reads. */
  addShare: number;
  /** Deltas are uniform in [min, max], min < 0 < max. */
  delta: [number, number];
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<CounterOp, "f" | "value"> {
  const { addShare, delta } = spec as PnWorkload;
  return rng.next() < addShare ? { f: "add", value: rng.int(delta[0], delta[1]) } : { f: "read" };
}
