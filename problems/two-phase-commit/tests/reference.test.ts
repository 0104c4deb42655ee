// The reference in process over a seeded simulated network (tests/simulation.ts): with calls
// dropped, the coordinator or a participant killed and restarted, node-1 cut off from node-0,
// every check of the problem holds on every schedule fast-check draws, and none is violated.
import assert from "node:assert/strict";
import fc from "fast-check";
import { afterEach, beforeEach, test, vi } from "vitest";
import { seededRandom } from "../../../harness/random.ts";
import { twoPhaseCommitChecks } from "../checks.ts";
import { Simulation, type SimFaults } from "./simulation.ts";

const CLIENTS = 3;
const WORKLOAD_MS = 6000;
const RECOVERY_MS = 4000;

beforeEach(() =>
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: 1_000_000,
  }),
);
afterEach(() => vi.useRealTimers());

async function simulate(seed: number, faults: SimFaults) {
  const sim = new Simulation(seed, faults);
  sim.schedule();
  const clients = Array.from({ length: CLIENTS }, async (_, i) => {
    const rng = seededRandom(seed).fork(`client-${i}`);
    for (let seq = 1; Date.now() - sim.originMs < WORKLOAD_MS; seq++) {
      await sim.clientOp(`c${i}`, seq, rng, 4500);
      await new Promise((r) => setTimeout(r, rng.int(20, 60)));
    }
  });
  await vi.advanceTimersByTimeAsync(WORKLOAD_MS + 5000 + RECOVERY_MS);
  await Promise.all(clients);
  const run = sim.run(sim.finalReads());
  sim.stop();
  return run;
}

const results = (run: Awaited<ReturnType<typeof simulate>>) =>
  twoPhaseCommitChecks.map((c) => c.run(run, { searchTimeoutMs: 1000 }));

test("with no fault every check holds", async () => {
  const run = await simulate(1, { drop: 0 });
  for (const r of results(run)) assert.equal(r.status, "holds", `${r.property}: ${r.message}`);
});

const faultsArb = fc.record({
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
          `${r.property}: ${r.message} ${JSON.stringify(faults)}`,
        );
      // Safety has evidence on every schedule: decisions showed and were compared.
      const [atomicity] = results(run);
      assert.equal(atomicity?.status, "holds", atomicity?.message);
    }),
    { numRuns: 60 },
  );
}, 120_000);
