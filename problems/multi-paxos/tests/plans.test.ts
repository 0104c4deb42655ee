// The shared plan checks (tests/support/plans-suite.ts), then what Multi-Paxos's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { multiPaxos } from "../problem.ts";

plansSuite(multiPaxos, { maxMs: 26_000 });

test("the statement's scenarios, in its order", () => {
  assert.deepEqual(Object.keys(multiPaxos.plans), [
    "leader_election",
    "log_replication",
    "client_redirect",
    "concurrent_requests",
    "network_partition",
    "node_recovery",
    "unreliable_network",
    "dueling_proposers",
    "acceptor_restart",
    "majorities_ring",
    "leader_kill_after_accept",
  ]);
});

test("majorities_ring: each node reaches exactly its two ring neighbours, so each sees a majority of its own", () => {
  for (const seed of [1, 2, 3, 99]) {
    const plan = multiPaxos.plans["majorities_ring"]?.(seed);
    const rings = (plan?.faults ?? []).flatMap((f) =>
      f.action.kind === "partition" ? [f.action.groups] : [],
    );
    assert.equal(rings.length, 2);
    for (const groups of rings) {
      assert.equal(groups.length, 5);
      const seen = new Set<string>();
      for (let n = 0; n < 5; n++) {
        const node = `node-${n}`;
        const reach = new Set(groups.filter((g) => g.includes(node)).flat());
        assert.equal(reach.size, 3, `${node} reaches itself and two neighbours`);
        seen.add([...reach].sort().join());
      }
      assert.equal(seen.size, 5, "no two nodes see the same majority");
    }
  }
});

test("dueling_proposers overlaps two majorities in one shared node", () => {
  const plan = multiPaxos.plans["dueling_proposers"]?.(1);
  const rounds = plan?.faults[0]?.action;
  assert.ok(rounds?.kind === "rounds");
  const partition = rounds.steps.find((s) => s.action.kind === "partition")?.action;
  assert.ok(partition?.kind === "partition");
  const [a, b] = partition.groups as [string[], string[]];
  assert.deepEqual(
    a.filter((n) => b.includes(n)),
    ["$mid"],
  );
});
