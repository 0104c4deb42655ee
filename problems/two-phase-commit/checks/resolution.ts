// In-doubt transactions are resolved (blocking while the coordinator is down is allowed): after
// the heal and the recovery wait, longer than the stated bound after the coordinator last
// restarted, no transaction is still undecided at the coordinator or prepared at a
// participant, and each participant lists every transaction the coordinator decided, with
// that decision.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { TxnOp } from "../client.ts";
import { COORDINATOR, PARTICIPANTS, RESOLUTION_BOUND_MS } from "../contract.ts";
import { finalStates, statusAt } from "./final-states.ts";

const NAME = "in-doubt resolved";

export const inDoubtResolved: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const { byNode, missing } = finalStates(run);
    if (missing.length) return inconclusive(NAME, `no final state from ${missing.join(", ")}`);
    const after = `${RESOLUTION_BOUND_MS / 1000} s after the coordinator ran and reached every participant`;
    const decided = byNode.get(COORDINATOR)?.txns ?? [];
    for (const node of [COORDINATOR, ...PARTICIPANTS]) {
      const open = (byNode.get(node)?.txns ?? []).filter(
        (t) => t.status === "STATUS_PENDING" || t.status === "STATUS_PREPARED",
      );
      if (open.length)
        return violated(
          NAME,
          `more than ${after}, ${node} still had ${open.length} undecided transactions: ${open
            .slice(0, 8)
            .map((t) => `${t.txn_id} ${t.status.replace("STATUS_", "")}`)
            .join(", ")}`,
        );
    }
    for (const t of decided)
      for (const p of PARTICIPANTS) {
        const there = statusAt(byNode.get(p), t.txn_id);
        const here = t.status.replace("STATUS_", "");
        if (there !== here)
          return violated(
            NAME,
            `more than ${after}, the coordinator had ${here} transaction ${t.txn_id} but ${p} ${there ? `had it ${there}` : "did not list it"}`,
          );
      }
    if (decided.length === 0) return inconclusive(NAME, "the coordinator listed no transaction");
    return holds(NAME, `all ${decided.length} transactions were decided alike at every node`);
  },
};
