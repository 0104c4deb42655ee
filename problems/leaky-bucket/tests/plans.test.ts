// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise: steady clients that never wait, keys homed at every node, bursts past the queue.
import assert from "node:assert/strict";
import { test } from "vitest";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { homeOf } from "../reference/typescript/home.ts";
import { HOMED_KEYS, LIMIT, STEADY, type QueueWorkload } from "../plans/limit.ts";
import { leakyBucket } from "../problem.ts";

const NODES = ["node-0", "node-1", "node-2"];

plansSuite(leakyBucket, { maxMs: 14_000 });

test("a steady client pauses longer than an interval, one per key: it never waits", () => {
  assert.equal(STEADY.clients, 1);
  assert.ok(STEADY.thinkMs[0] >= 1000 / LIMIT.drainPerSecond + 20);
});

test("the homed keys are homed at every node; bursts give every node more than a queue", () => {
  assert.deepEqual(HOMED_KEYS.map((k) => homeOf(k, NODES)).sort(), NODES);
  for (const name of ["bursts", "partition"]) {
    const plan = leakyBucket.plans[name]?.(7);
    const bursts = (plan?.workload as QueueWorkload).bursts;
    assert.ok(bursts.length > 0, name);
    for (const b of bursts) assert.ok(b.requests >= 3 * (LIMIT.queueSize + 2), name);
  }
});
