// The reference node's logic, five of them in-process over the simulated network: the
// family's suite (tests/support/sharded-kv/reference-suite.ts) with the ring's checks.
import { join } from "node:path";
import { referenceSuite } from "../../../tests/support/sharded-kv/reference-suite.ts";
import { ringChecks } from "../checks.ts";
import { mutants } from "../mutants.ts";
import { VNODES } from "../reference/typescript/owner.ts";
import { ShardNode } from "../reference/typescript/shard-node.ts";

referenceSuite({
  Node: ShardNode,
  empty: { epoch: 0, members: [], items: {}, transfersIn: {} },
  checks: ringChecks,
  declaredVnodes: VNODES,
  referenceDir: join(import.meta.dirname, "../reference/typescript"),
  mutants,
  caught: ["data-not-moved-on-join", "stale-owner-cache", "position-not-id"],
});
