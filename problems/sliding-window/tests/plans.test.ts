// The shared plan checks (tests/support/plans-suite.ts), then what this problem's plans
// promise: steady streams a correct limiter never denies, bursts that give every node more
// than the limit of each homed key, and the faults the mutants' catches rely on.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { RateStream } from "../../../harness/rate-limit/index.ts";
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { homeOf } from "../reference/typescript/home.ts";
import { HOMED_KEYS, NODES, type WindowWorkload } from "../plans/blocks.ts";
import { slidingWindow } from "../problem.ts";

plansSuite(slidingWindow, { maxMs: 12_000 });

const plans = Object.values(slidingWindow.plans).map((plan) => plan(7));
const workload = (p: (typeof plans)[number]) => p.workload as WindowWorkload;

test("steady streams: one client, pausing longer than window/limit, on a key nothing else uses", () => {
  for (const p of plans) {
    const { limit, streams, bursts } = workload(p);
    for (const s of streams.filter((s: RateStream) => s.steady)) {
      assert.equal(s.clients, 1);
      assert.ok(s.thinkMs[0] >= limit.windowMs / limit.limit + 5, `${p.name} ${s.key}`);
      const others = [...streams.filter((o) => o !== s), ...bursts].filter((o) => o.key === s.key);
      assert.deepEqual(others, [], `${p.name}: ${s.key} is shared`);
    }
  }
  for (const name of ["steady", "hot_key", "clock_skew"])
    assert.ok(workload(slidingWindow.plans[name]?.(7) as never).streams.some((s) => s.steady));
});

test("the homed keys are homed at every node, and each burst gives every node limit + 1 of a key", () => {
  assert.deepEqual(HOMED_KEYS.map((k) => homeOf(k, NODES)).sort(), NODES);
  for (const p of plans)
    for (const b of workload(p).bursts)
      assert.ok(b.requests >= NODES.length * (workload(p).limit.limit + 1), p.name);
});

test("restart restarts its victim within a window of the bursts before, and configures it after one whole window", () => {
  for (const seed of [1, 2, 3, 99]) {
    const p = slidingWindow.plans["restart"]?.(seed);
    assert.ok(p);
    const { limit, bursts } = workload(p);
    const [kill, start] = p.faults;
    assert.equal(kill?.action.kind, "kill");
    assert.equal(start?.action.kind, "start");
    const fill = Math.min(...bursts.map((b) => b.atMs));
    const again = Math.max(...bursts.map((b) => b.atMs));
    assert.ok(fill > limit.windowMs && (start?.atMs ?? 0) > limit.windowMs, "elapsed_ms above W");
    assert.ok((kill?.atMs ?? 0) > fill && again > (start?.atMs ?? 0));
    assert.ok(again - fill <= limit.windowMs / 2, "a slow restart still lands in the window");
  }
});

test("partition cuts one node for the bursts, clock_skew restarts one node with its clock off", () => {
  for (const seed of [1, 2, 3, 99]) {
    const cut = slidingWindow.plans["partition"]?.(seed);
    const [partition, heal] = cut?.faults ?? [];
    assert.equal(partition?.action.kind, "partition");
    for (const b of workload(cut as never).bursts)
      assert.ok(b.atMs > (partition?.atMs ?? 0) + 500 && b.atMs + 500 < (heal?.atMs ?? 0));
    const skew = slidingWindow.plans["clock_skew"]?.(seed);
    const start = skew?.faults.find((f) => f.action.kind === "start")?.action;
    assert.ok(start?.kind === "start" && Math.abs(start.skewMs ?? 0) >= 10_000);
  }
});
