// The random simulated runs a rate limiter's reference test draws (simulation.ts): the faults
// every limiter's scenarios use (a node cut off, nodes restarted with a skewed clock, lost
// answers) and bursts, with the limit and steady stream the problem draws; and the test that
// the problem's checks never fail the reference on them.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import type { Check } from "../../../harness/problem.ts";
import type { AllowOp } from "../../../harness/rate-limit/index.ts";
import { NODES, simulate, type SimFaults, type SimProblem, type SimSpec } from "./simulation.ts";

const CHECK_OPTS = { searchTimeoutMs: 1000 };

/** Up to three bursts of up to 40 requests in the first 2.5 s. */
export const burstsArb = fc.array(
  fc.record({
    atMs: fc.integer({ min: 0, max: 2500 }),
    requests: fc.integer({ min: 1, max: 40 }),
  }),
  { maxLength: 3 },
);

/** Maybe a node cut off, maybe nodes restarted (clock up to 9 s off), some answers lost. */
export const faultsArb: fc.Arbitrary<SimFaults> = fc
  .record({
    partition: fc.option(
      fc.record({
        node: fc.constantFrom(...NODES),
        fromMs: fc.integer({ min: 0, max: 2000 }),
        lengthMs: fc.integer({ min: 0, max: 1500 }),
      }),
    ),
    restart: fc.option(
      fc.record({
        nodes: fc.subarray(NODES, { minLength: 1 }),
        killMs: fc.integer({ min: 0, max: 2000 }),
        downMs: fc.integer({ min: 0, max: 800 }),
        skewMs: fc.integer({ min: -9000, max: 9000 }),
      }),
    ),
    loseAnswer: fc.constantFrom(0, 0, 0.05, 0.2),
  })
  .map((r) => ({
    ...(r.partition && {
      partition: {
        node: r.partition.node,
        fromMs: r.partition.fromMs,
        toMs: r.partition.fromMs + r.partition.lengthMs,
      },
    }),
    ...(r.restart && {
      restart: {
        nodes: r.restart.nodes,
        killMs: r.restart.killMs,
        startMs: r.restart.killMs + r.restart.downMs,
        skewMs: r.restart.skewMs,
      },
    }),
    loseAnswer: r.loseAnswer,
  }));

/** Simulated runs per test; RATE_SIM_RUNS=N for more (the statements quote 2,000). */
const RUNS = Number(process.env.RATE_SIM_RUNS ?? 300);

/** No check is violated on any drawn run, and the reference denies no judged steady request. */
export function checksHoldOnSimulatedRuns<Limit>(
  problem: SimProblem<Limit>,
  checks: readonly Check<AllowOp>[],
  specs: fc.Arbitrary<SimSpec<Limit>>,
): void {
  test(`the checks hold on ${RUNS} simulated runs with partitions, restarts, skew, lost answers`, async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (spec) => {
        const run = await simulate(problem, spec);
        for (const check of checks) {
          const result = check.run(run, CHECK_OPTS);
          assert.notEqual(
            result.status,
            "violated",
            `${result.message}\n${result.excerpt?.join("\n")}`,
          );
          // The statements: the reference denies no judged steady request at all.
          if (check.name === "over-denial" && result.status === "holds")
            assert.match(result.message, /\(100\.0%\)/);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
}
