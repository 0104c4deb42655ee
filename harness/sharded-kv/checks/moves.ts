// "moves" (statements, "Checks"): across one join, a key changes owner only to the joiner;
// across one leave, only the leaver's keys change owner; and the share of the sampled keys
// that moved lies within the statement's bounds (the joiner's or leaver's share of the larger
// membership, derived by simulation). It compares the views the nodes reported at the two
// epochs; a correct owner function moves exactly these keys, so only the fraction is
// statistical.
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { ReadView, SentMembership, ShardRecord } from "../record.ts";
import type { StatBounds } from "../bounds.ts";

const NAME = "moves";

type Change = { kind: "join" | "leave"; node: string; larger: number };

function changeOf(before: SentMembership, after: SentMembership): Change | null {
  const joined = after.members.filter((m) => !before.members.includes(m));
  const left = before.members.filter((m) => !after.members.includes(m));
  if (joined.length === 1 && left.length === 0)
    return { kind: "join", node: joined[0] as string, larger: after.members.length };
  if (left.length === 1 && joined.length === 0)
    return { kind: "leave", node: left[0] as string, larger: before.members.length };
  return null;
}

/** A view of `epoch`, from `node` when it reported one. */
function viewAt(record: ShardRecord, epoch: number, node?: string): ReadView | undefined {
  const views = record.views.filter((v) => v.epoch === epoch);
  return views.find((v) => v.node === node) ?? views[0];
}

export function checkMoves(record: ShardRecord, bounds: StatBounds): PropertyResult {
  const seen: string[] = [];
  for (const [i, after] of record.memberships.entries()) {
    const before = record.memberships[i - 1];
    if (!before) continue;
    const change = changeOf(before, after);
    const old = viewAt(record, before.epoch);
    const now = viewAt(record, after.epoch, old?.node);
    if (!change || !old || !now) continue;
    const label = `the ${change.kind} of ${change.node} (epoch ${before.epoch} → ${after.epoch})`;
    for (const [key, owner] of Object.entries(now.owners)) {
      const was = old.owners[key];
      if (was === undefined || was === owner) continue;
      const allowed = change.kind === "join" ? owner === change.node : was === change.node;
      if (!allowed)
        return violated(
          NAME,
          `Across ${label}, "${key}" moved from ${was} to ${owner}: a ${change.kind} may move keys only ${change.kind === "join" ? `to ${change.node}` : `away from ${change.node}`}.`,
          [
            `${old.node} at epoch ${before.epoch}: ${was}`,
            `${now.node} at epoch ${after.epoch}: ${owner}`,
          ],
        );
    }
    const sample = record.sampleKeys.filter((k) => k in old.owners && k in now.owners);
    if (sample.length === 0) continue;
    const moved = sample.filter((k) => old.owners[k] !== now.owners[k]).length / sample.length;
    const [lo, hi] = bounds.share(change.larger);
    if (moved < lo || moved > hi)
      return violated(
        NAME,
        `Across ${label}, ${(moved * 100).toFixed(1)}% of ${sample.length} sampled keys moved; the statement's bound for ${bounds.label} with ${change.larger} members is ${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}%.`,
      );
    seen.push(`${label}: ${(moved * 100).toFixed(1)}%`);
  }
  if (!seen.length) return inconclusive(NAME, "No join or leave had views read on both sides.");
  return holds(NAME, `Only the joiner's or leaver's keys moved; ${seen.join("; ")}.`);
}
