// "agreement" (statements, "Checks"): two nodes reporting views of the same epoch name the
// same owner for every key. A view is a function of the membership alone, so correct nodes
// with the same epoch agree whatever their timing; this check needs no hash.
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { ReadView, ShardRecord } from "../record.ts";

const NAME = "agreement";

export function checkAgreement(record: ShardRecord): PropertyResult {
  const first = new Map<number, ReadView>();
  let pairs = 0;
  for (const view of record.views) {
    if (view.epoch === 0) continue;
    const other = first.get(view.epoch);
    if (!other) {
      first.set(view.epoch, view);
      continue;
    }
    if (other.node === view.node) continue;
    pairs++;
    for (const [key, owner] of Object.entries(view.owners)) {
      const theirs = other.owners[key];
      if (theirs !== undefined && theirs !== owner)
        return violated(
          NAME,
          `Under epoch ${view.epoch}, ${other.node} said "${key}" is owned by ${theirs} and ${view.node} said ${owner}.`,
        );
    }
  }
  if (pairs === 0) return inconclusive(NAME, "No two nodes reported a view of the same epoch.");
  return holds(NAME, `Nodes with the same epoch agreed on every owner (${pairs} views compared).`);
}
