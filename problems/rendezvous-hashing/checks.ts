// Rendezvous hashing's checks: the sharded-kv family's (harness/sharded-kv/checks.ts) with the
// statement's highest-random-weight owner and the bounds of uniform shares. statement.md
// argues each.
import { statBounds } from "../../harness/sharded-kv/bounds.ts";
import { shardedKvChecks } from "../../harness/sharded-kv/checks.ts";
import { rendezvousOwner } from "./weights.ts";

export const rendezvousChecks = shardedKvChecks({
  scheme: "statement's highest random weight",
  ownerFunction: () => rendezvousOwner,
  bounds: () => statBounds(0),
});
