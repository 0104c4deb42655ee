// Rendezvous hashing's own part of the checks: the statement's weights (its test vectors) and
// the owners check over them; the family's other checks are tested with consistent hashing.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import type { ShardRecord } from "../../../harness/sharded-kv/record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { rendezvousChecks } from "../checks.ts";
import { rendezvousOwner } from "../weights.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const FOUR = NODES.slice(0, 4);
const KEYS = Array.from({ length: 50 }, (_, i) => `k${i}`);

test("the statement's test vectors", () => {
  const own = rendezvousOwner(FOUR);
  assert.deepEqual(["k0", "k1", "k2", "k3", "hello"].map(own), VECTORS);
});
const VECTORS = ["node-2", "node-0", "node-3", "node-0", "node-1"];

function recordWith(owner: (members: readonly string[]) => (key: string) => string): ShardRecord {
  const of = owner(FOUR);
  return {
    declaredVnodes: {},
    memberships: [{ epoch: 1, members: FOUR, sentMs: 0, answeredMs: {} }],
    views: NODES.map((node) => ({
      node,
      atMs: 100,
      epoch: 1,
      final: true,
      owners: Object.fromEntries(KEYS.map((k) => [k, of(k)])),
    })),
    sampleKeys: [],
  };
}

const owners = (record?: ShardRecord) =>
  (rendezvousChecks.find((c) => c.name === "owners") ?? assert.fail()).run(
    runRecord<ShardOp>({
      problem: "rendezvous-hashing",
      nodes: NODES,
      ...(record ? { problemRecord: record } : {}),
    }),
    { searchTimeoutMs: 1000 },
  );

test("owners: the highest weight holds, the lowest is violated, no view is inconclusive", () => {
  assert.equal(owners(recordWith(rendezvousOwner)).status, "holds");
  const lowest = (members: readonly string[]) => (key: string) =>
    [...members].sort().reduce((a, b) => (rendezvousOwner([a, b])(key) === a ? b : a));
  const res = owners(recordWith(lowest));
  assert.equal(res.status, "violated");
  assert.match(res.message, /highest random weight/);
  assert.equal(owners().status, "inconclusive");
});
