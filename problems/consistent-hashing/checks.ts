// Consistent hashing's checks: the declared virtual-node count first (every node declares
// the same allowed count), then the family's (harness/sharded-kv/checks.ts) with the
// statement's ring over that count and the bounds graded by it. statement.md argues each.
import { holds, inconclusive, violated } from "../../shared/check/property.ts";
import type { Check } from "../../harness/problem.ts";
import { statBounds } from "../../harness/sharded-kv/bounds.ts";
import type { ShardOp } from "../../harness/sharded-kv/client.ts";
import { shardedKvChecks } from "../../harness/sharded-kv/checks.ts";
import { shardRecordOf, type ShardRecord } from "../../harness/sharded-kv/record.ts";
import { ALLOWED_VNODES, ringOwner } from "./ring.ts";

const NAME = "declared vnodes";

/** The count every node declared, or why there is none. */
export function declaredVnodes(record: ShardRecord): number | string {
  const counts = [...new Set(Object.values(record.declaredVnodes))];
  if (counts.length === 0) return "No node answered Info.";
  if (counts.length > 1)
    return `The nodes declared different virtual-node counts: ${Object.entries(
      record.declaredVnodes,
    )
      .map(([n, v]) => `${n} ${v}`)
      .join(", ")}.`;
  const [vnodes] = counts as [number];
  if (!(ALLOWED_VNODES as readonly number[]).includes(vnodes))
    return `The nodes declared ${vnodes} virtual nodes, not one of ${ALLOWED_VNODES.join(", ")}.`;
  return vnodes;
}

const declaredCheck: Check<ShardOp> = {
  name: NAME,
  required: true,
  run(run) {
    const record = shardRecordOf(run);
    const vnodes = declaredVnodes(record);
    if (typeof vnodes === "number")
      return holds(NAME, `Every node declared ${vnodes} virtual nodes.`);
    return Object.keys(record.declaredVnodes).length
      ? violated(NAME, vnodes)
      : inconclusive(NAME, vnodes);
  },
};

export function ringOwnerFunction(record: ShardRecord) {
  const vnodes = declaredVnodes(record);
  return typeof vnodes === "string" ? vnodes : ringOwner(vnodes);
}

export const ringChecks = shardedKvChecks({
  scheme: "statement's ring",
  ownerFunction: ringOwnerFunction,
  bounds: (record) => {
    const vnodes = declaredVnodes(record);
    return typeof vnodes === "string" ? vnodes : statBounds(vnodes);
  },
  own: [declaredCheck],
});
