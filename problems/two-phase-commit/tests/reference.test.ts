// The reference in process over a seeded simulated network (tests/simulation.ts): with calls
// dropped, the coordinator or a participant killed and restarted, node-1 cut off from node-0,
// every check of the problem holds on every schedule fast-check draws, and none is violated.
import assert from "node:assert/strict";
import fc from "fast-check";
import { afterEach, beforeEach, test, vi } from "vitest";
import { twoPhaseCommitChecks } from "../checks.ts";
import { SIMULATED } from "./scenarios.ts";
import { simulate as simulateWith, type SimFaults } from "./simulation.ts";

beforeEach(() =>
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: 1_000_000,
  }),
);
afterEach(() => vi.useRealTimers());

/** The scenarios' message-triggered kills, one of which a schedule may add. */
const TRIGGERS = Object.values(SIMULATED).flatMap((s) =>
  s.faults.trigger ? [s.faults.trigger] : [],
);

const simulate = (seed: number, faults: SimFaults) =>
  simulateWith(seed, faults, (ms) => vi.advanceTimersByTimeAsync(ms));

const results = (run: Awaited<ReturnType<typeof simulate>>) =>
  twoPhaseCommitChecks.map((c) => c.run(run, { searchTimeoutMs: 1000 }));

test("with no fault every check holds", async () => {
  const run = await simulate(1, { drop: 0 });
  for (const r of results(run)) assert.equal(r.status, "holds", `${r.property}: ${r.message}`);
});

const faultsArb = fc.record({
  trigger: fc.option(fc.constantFrom(...TRIGGERS), { nil: undefined }),
  drop: fc.constantFrom(0, 0.05, 0.15),
  coordinatorDown: fc.option(
    fc.tuple(fc.integer({ min: 500, max: 4000 }), fc.integer({ min: 100, max: 3000 })),
    { nil: undefined },
  ),
  participantDown: fc.option(
    fc.tuple(fc.integer({ min: 500, max: 4000 }), fc.integer({ min: 100, max: 3000 })),
    { nil: undefined },
  ),
  cut: fc.option(
    fc.tuple(fc.integer({ min: 500, max: 4000 }), fc.integer({ min: 100, max: 3000 })),
    { nil: undefined },
  ),
});

test("under drops, kills, restarts and a cut, no check is ever violated", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), faultsArb, async (seed, faults) => {
      const run = await simulate(seed, faults);
      for (const r of results(run))
        assert.notEqual(
          r.status,
          "violated",
          `${r.property}: ${r.message} ${JSON.stringify(faults)} seed ${seed}`,
        );
      // Safety has evidence on every schedule: decisions showed and were compared.
      const [atomicity] = results(run);
      assert.equal(atomicity?.status, "holds", atomicity?.message);
    }),
    { numRuns: 60 },
  );
}, 120_000);
