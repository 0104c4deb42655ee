// "owners" (statements, "Checks"): every view a node reported names, for each key, the owner
// the statement's hash gives under the membership of that view's epoch. The judge computes
// it from the membership it sent itself and the statement's function, so a correct node
// never differs.
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import { membershipOf, type ShardRecord } from "../record.ts";

const NAME = "owners";

/** The statement's owner function of one membership. */
export type OwnerFunction = (members: readonly string[]) => (key: string) => string;

export function checkOwners(
  record: ShardRecord,
  ownerFunction: OwnerFunction,
  scheme: string,
): PropertyResult {
  const byEpoch = new Map<number, (key: string) => string>();
  let compared = 0;
  const wrong: string[] = [];
  for (const view of record.views) {
    const sent = membershipOf(record, view.epoch);
    if (!sent) continue; // epoch 0, or one never sent: "view installed" says so
    if (!byEpoch.has(view.epoch)) byEpoch.set(view.epoch, ownerFunction(sent.members));
    const expected = byEpoch.get(view.epoch) as (key: string) => string;
    for (const [key, owner] of Object.entries(view.owners)) {
      compared++;
      const want = expected(key);
      if (owner !== want)
        wrong.push(
          `${view.node}, epoch ${view.epoch}: "${key}" → ${owner || "(none)"}, ${scheme} gives ${want}`,
        );
    }
  }
  if (wrong.length)
    return violated(
      NAME,
      `${wrong.length} of ${compared} owners the nodes reported differ from the ${scheme} over the membership the judge sent.`,
      wrong.slice(0, 6),
    );
  if (compared === 0)
    return inconclusive(NAME, "No node reported a view of a membership the judge sent.");
  return holds(NAME, `All ${compared} owners the nodes reported are the ${scheme}'s.`);
}
