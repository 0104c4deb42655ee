// "view installed" (statements, "Checks"): every view a node reported comes from a membership
// the judge had sent by then, and after the heal and the recovery wait every node reports the
// last one. The judge resends a membership to each node until that node answers with its
// epoch or a later one, so a correct node has it long before the final read.
import { holds, inconclusive, secondsSince, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { ShardRecord } from "../record.ts";

const NAME = "view installed";

export function checkViewsInstalled(
  record: ShardRecord,
  nodes: readonly string[],
  originMs: number,
): PropertyResult {
  const last = record.memberships.at(-1);
  if (!last) return inconclusive(NAME, "The judge sent no membership.");
  for (const view of record.views) {
    const sent = record.memberships.find((m) => m.epoch === view.epoch);
    if (view.epoch > 0 && (!sent || sent.sentMs > view.atMs))
      return violated(
        NAME,
        `${view.node} reported a view of epoch ${view.epoch} at ${secondsSince(originMs, view.atMs)}, which the judge had not sent.`,
      );
  }
  const finals = new Map(record.views.filter((v) => v.final).map((v) => [v.node, v]));
  const missing = nodes.filter((n) => !finals.has(n));
  const stale = [...finals.values()].filter((v) => v.epoch !== last.epoch);
  if (stale.length)
    return violated(
      NAME,
      `After the recovery wait ${stale.map((v) => `${v.node} still reported epoch ${v.epoch}`).join(", ")}, though the judge had sent epoch ${last.epoch} (members ${last.members.join(", ")}) at ${secondsSince(originMs, last.sentMs)} and resent it until answered.`,
    );
  if (missing.length)
    return inconclusive(NAME, `${missing.join(", ")} did not answer the final Owners read.`);
  return holds(NAME, `Every node reported the last membership, epoch ${last.epoch}, at the end.`);
}
