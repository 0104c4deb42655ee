// Liveness after the storm: once every fault is healed and the cluster has had its
// recovery wait, a read of every key must succeed.
import { holds, inconclusive, violated, type PropertyResult } from "../../shared/check/property.ts";
import { describeOp, type KvOp, type KvRun } from "./history.ts";

export function checkRecovered({
  finalReads,
  finalReadBudgetMs: budgetMs,
  originMs,
}: Pick<KvRun, "finalReads" | "finalReadBudgetMs" | "originMs">): PropertyResult {
  const property = "recovers after heal";
  if (finalReads.length === 0) return inconclusive(property, "no final read was made");
  const unanswered = finalReads.filter((op) => op.outcome !== "ok");
  if (unanswered.length === 0)
    return holds(property, `all ${finalReads.length} final reads answered after the heal`);
  const first = unanswered[0] as KvOp;
  return violated(
    property,
    `after every fault was healed, a read of ${first.key} got no OK within ${budgetMs / 1000} s (${unanswered.length} of ${finalReads.length} final reads unanswered)`,
    unanswered.slice(0, 3).map((op) => describeOp(op, originMs)),
  );
}
