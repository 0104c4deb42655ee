// "balance" (statements, "Checks"): under every membership, the most sampled keys one member
// owns over the mean stays within the statement's bound for the scheme (graded by the
// declared virtual-node count for a ring), derived by simulation so a correct node exceeds
// it less than once in 100,000 views.
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import { membershipOf, type ReadView, type ShardRecord } from "../record.ts";
import type { StatBounds } from "../bounds.ts";

const NAME = "balance";

export function checkBalance(record: ShardRecord, bounds: StatBounds): PropertyResult {
  const firstOfEpoch = new Map<number, ReadView>();
  for (const view of record.views)
    if (!firstOfEpoch.has(view.epoch)) firstOfEpoch.set(view.epoch, view);
  const seen: string[] = [];
  for (const [epoch, view] of firstOfEpoch) {
    const members = membershipOf(record, epoch)?.members;
    const sample = record.sampleKeys.filter((k) => k in view.owners);
    if (!members || sample.length === 0) continue;
    const load = new Map(members.map((m) => [m, 0]));
    for (const key of sample) {
      const owner = view.owners[key] as string;
      if (load.has(owner)) load.set(owner, (load.get(owner) as number) + 1);
    }
    const [heaviest, most] = [...load].reduce((a, b) => (b[1] > a[1] ? b : a));
    const ratio = most / (sample.length / members.length);
    const bound = bounds.balance(members.length);
    if (ratio > bound)
      return violated(
        NAME,
        `Under epoch ${epoch} (${members.length} members), ${heaviest} owns ${most} of ${sample.length} sampled keys, ${ratio.toFixed(2)} times the mean; the statement's bound for ${bounds.label} is ${bound.toFixed(2)}.`,
      );
    seen.push(`epoch ${epoch}: ${ratio.toFixed(2)}`);
  }
  if (!seen.length) return inconclusive(NAME, "No view of a membership the judge sent was read.");
  return holds(NAME, `Max load over mean within ${bounds.label}'s bound: ${seen.join(", ")}.`);
}
