// A G-Counter scenario's clients: each adds a seeded delta or reads, at a random node.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { CounterOp } from "./client.ts";

/** A G-Counter scenario's clients (ScenarioPlan.workload). */
export interface CounterWorkload extends ClientsSpec {
  /** The share of operations that are adds; the rest are reads. */
  addShare: number;
  /** Deltas are uniform in [0, deltaMax]. */
  deltaMax: number;
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<CounterOp, "f" | "value"> {
  const { addShare, deltaMax } = spec as CounterWorkload;
  return rng.next() < addShare ? { f: "add", value: rng.int(0, deltaMax) } : { f: "read" };
}
