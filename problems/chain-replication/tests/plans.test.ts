// The shared plan checks (tests/support/plans-suite.ts), then what the chain's plans promise.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { firstChain } from "../plans/clients.ts";
import { chainReplication } from "../problem.ts";

plansSuite(chainReplication, { maxMs: 16_000 });

test("the statement's scenarios, in its order", () => {
  assert.deepEqual(Object.keys(chainReplication.plans), [
    "head_failure",
    "middle_failure",
    "tail_failure",
    "rejoin",
    "concurrent_clients",
    "lossy_links",
    "middle_before_ack",
  ]);
});

test("each failure kills the member it names, then restarts that node: one down at a time", () => {
  for (const seed of [1, 2, 3, 99]) {
    const first = firstChain(seed);
    for (const position of ["head", "tail"] as const) {
      const plan = chainReplication.plans[`${position}_failure`]?.(seed);
      const [kill, start] = plan?.faults ?? [];
      assert.deepEqual(kill?.action, { kind: "kill", node: first[position] });
      assert.deepEqual(start?.action, { kind: "start", node: first[position] });
    }
    const down = new Set<string>();
    for (const { action } of chainReplication.plans["rejoin"]?.(seed).faults ?? []) {
      if (action.kind === "kill") {
        assert.equal(down.size, 0, "a second node killed while one is down");
        down.add(action.node);
      }
      if (action.kind === "start") down.delete(action.node);
    }
  }
});

test("middle_failure arms the middle of the first chain on the Forwards it takes from the head", () => {
  const plan = chainReplication.plans["middle_failure"]?.(5);
  const arm = plan?.faults[0]?.action;
  const { head, middle } = firstChain(5);
  assert.ok(arm?.kind === "arm");
  assert.equal(arm.node, middle);
  assert.equal(arm.trigger.peer, head);
  assert.equal(arm.trigger.direction, "ingress");
});

test("middle_before_ack arms the middle of the first chain on its Forwards to the tail", () => {
  const plan = chainReplication.plans["middle_before_ack"]?.(5);
  const arm = plan?.faults[0]?.action;
  const { middle, tail } = firstChain(5);
  assert.ok(arm?.kind === "arm");
  assert.equal(arm.node, middle);
  assert.equal(arm.trigger.peer, tail);
  assert.equal(arm.trigger.method, "Forward");
});
