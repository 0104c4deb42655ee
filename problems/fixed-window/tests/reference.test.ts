// The reference's logic in process: windows placed from elapsed_ms, a late configuration
// admitting from the next window, a retry's decision kept; the keys the plans rely on homed
// where the plans say; and the checks holding over thousands of seeded simulated runs with
// the scenarios' faults (tests/support/rate-limit/simulation.ts).
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import {
  burstsArb,
  checksHoldOnSimulatedRuns,
  faultsArb,
} from "../../../tests/support/rate-limit/simulated-runs.ts";
import {
  NODES,
  simulate,
  type SimProblem,
  type SimSpec,
} from "../../../tests/support/rate-limit/simulation.ts";
import { windowChecks } from "../checks.ts";
import { configureRequest, type WindowLimit } from "../client.ts";
import { PARTITION_KEYS } from "../plans/partition.ts";
import { STEADY_KEYS } from "../plans/steady.ts";
import { homeOf } from "../reference/typescript/home.ts";
import { InvalidRequest, Limiter } from "../reference/typescript/limiter.ts";
import { FixedWindowNode } from "../reference/typescript/node.ts";

const CHECK_OPTS = { searchTimeoutMs: 1000 };

/** The reference's nodes as the simulation drives them. */
const SIMULATED: SimProblem<WindowLimit> = {
  slug: "fixed-window",
  node: (id, nodes, peers, now) => new FixedWindowNode(id, nodes, new Limiter(), peers, now),
  configureRequest,
};

test("a window admits its limit, the next one afresh; a retry keeps its decision", () => {
  const limiter = new Limiter();
  assert.equal(limiter.decide("k", "r0", 0), false, "not configured: denied");
  // Configured at 5000 on this clock, time 0 was 0 ms ago: window 0 is [5000, 6000).
  limiter.configure({ limit: 2, window_ms: 1000, elapsed_ms: 0 }, 5000);
  assert.deepEqual(
    ["a", "b", "c"].map((id) => limiter.decide("k", id, 5100)),
    [true, true, false],
  );
  assert.equal(limiter.decide("k", "a", 5200), true, "a retry gets its decision again");
  assert.equal(limiter.decide("other", "d", 5999), true, "each key counts alone");
  assert.equal(limiter.decide("k", "e", 6000), true, "window 1 starts afresh");
  limiter.configure({ limit: 2, window_ms: 1000, elapsed_ms: 999 }, 6001);
  assert.equal(limiter.decide("k", "f", 6002), true, "the same limit again moves nothing");
  assert.throws(
    () => limiter.configure({ limit: 0, window_ms: 1000, elapsed_ms: 0 }, 0),
    InvalidRequest,
  );
});

test("a node configured late places the windows from elapsed_ms and waits for the next", () => {
  const limiter = new Limiter();
  // 2500 ms after time 0: window 2 has 500 ms left, in which this node admits nothing.
  limiter.configure({ limit: 5, window_ms: 1000, elapsed_ms: 2500 }, 100_000);
  assert.equal(limiter.decide("k", "a", 100_499), false);
  assert.equal(limiter.decide("k", "b", 100_500), true, "window 3 begins");
});

test("the plans' keys are homed where the plans and mutants say", () => {
  assert.deepEqual(
    PARTITION_KEYS.map((k) => homeOf(k, NODES)),
    ["node-0", "node-1", "node-2"],
  );
  assert.deepEqual(new Set(STEADY_KEYS.map((k) => homeOf(k, NODES))), new Set(["node-1"]));
});

const specs: fc.Arbitrary<SimSpec<WindowLimit>> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    limit: fc.integer({ min: 4, max: 20 }),
    windowMs: fc.integer({ min: 100, max: 1000 }),
    saturatingClients: fc.integer({ min: 0, max: 3 }),
    steadyClients: fc.integer({ min: 1, max: 5 }),
    bursts: burstsArb,
    faults: faultsArb,
  })
  .map((r) => {
    // A steady stream as the plans make them: at most limit/2 requests in any window.
    const clients = Math.max(1, Math.min(r.steadyClients, Math.floor(r.limit / 4)));
    const thinkMin = Math.ceil(r.windowMs / (r.limit / (2 * clients) - 1));
    return {
      seed: r.seed,
      limit: { limit: r.limit, windowMs: r.windowMs },
      durationMs: 3000,
      saturatingClients: r.saturatingClients,
      steady: { clients, thinkMs: [thinkMin, thinkMin + 50] as [number, number] },
      bursts: r.bursts,
      faults: r.faults,
    };
  });

checksHoldOnSimulatedRuns(SIMULATED, windowChecks, specs);

test("with no fault, the steady stream is judged and every request of it goes through", async () => {
  const run = await simulate(SIMULATED, {
    seed: 3,
    limit: { limit: 10, windowMs: 1000 },
    durationMs: 20_000,
    saturatingClients: 3,
    steady: { clients: 1, thinkMs: [250, 300] },
    bursts: [{ atMs: 2000, requests: 40 }],
    // A lost answer holds its client for the 2 s deadline: rare enough to leave 30 judged.
    faults: { loseAnswer: 0.01 },
  });
  const [admission, denial] = windowChecks.map((c) => c.run(run, CHECK_OPTS));
  assert.equal(admission?.status, "holds", admission?.message);
  assert.equal(denial?.status, "holds", denial?.message);
  assert.match(denial?.message ?? "", /\(100\.0%\)/);
});
