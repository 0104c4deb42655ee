// A Two-Phase Commit scenario's clients: each sends the coordinator a transfer of a small
// seeded amount between two different random accounts, or a read of all of them.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { TxnOp } from "./client.ts";
import { ALL_ACCOUNTS } from "./contract.ts";

/** A Two-Phase Commit scenario's clients (ScenarioPlan.workload). */
export interface TxnWorkload extends ClientsSpec {
  /** The share of operations that are transfers; the rest read every account. */
  transferShare: number;
  /** Amounts are uniform in [1, amountMax]: small, so a source rarely lacks the funds. */
  amountMax: number;
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<TxnOp, "f" | "value"> {
  const { transferShare, amountMax } = spec as TxnWorkload;
  if (rng.next() >= transferShare) return { f: "read" };
  const source = rng.pick([...ALL_ACCOUNTS]);
  const target = rng.pick(ALL_ACCOUNTS.filter((a) => a !== source));
  return { f: "transfer", value: { source, target, amount: rng.int(1, amountMax) } };
}
