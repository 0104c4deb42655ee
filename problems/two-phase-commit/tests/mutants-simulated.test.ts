// Every scenario played in the simulation (tests/scenarios.ts): the reference passes each on
// several seeds, and every mutant, copied and edited as the judge would build it, is caught
// on its named scenario for its named reason on every seed tried.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, test, vi } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import { twoPhaseCommitChecks } from "../checks.ts";
import type { TxnOp } from "../client.ts";
import { mutants } from "../mutants.ts";
import { SIMULATED } from "./scenarios.ts";
import { simulate, type Implementation } from "./simulation.ts";

const SEEDS = [1, 2, 3, 4, 5];
const work = mkdtempSync(join(tmpdir(), "two-phase-commit-sim-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(() =>
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: 1_000_000,
  }),
);
afterEach(() => vi.useRealTimers());

/** The verdict's reason as the harness words it: the first violated check. */
function reason(run: RunRecord<TxnOp>): string | null {
  for (const check of twoPhaseCommitChecks) {
    const r = check.run(run, { searchTimeoutMs: 1000 });
    if (r.status === "violated") return `${r.property}: ${r.message}`;
  }
  return null;
}

const play = (name: string, seed: number, impl?: Implementation) => {
  const scenario = SIMULATED[name];
  if (!scenario) throw new Error(`no simulated ${name}`);
  return simulate(
    seed,
    scenario.faults,
    (ms) => vi.advanceTimersByTimeAsync(ms),
    scenario.clients,
    impl,
  );
};

for (const name of Object.keys(SIMULATED))
  test(`the reference passes ${name}`, async () => {
    for (const seed of SEEDS) assert.equal(reason(await play(name, seed)), null, `seed ${seed}`);
  });

const referenceDir = new URL("../reference/typescript/", import.meta.url).pathname;

for (const mutant of mutants)
  test(`mutant ${mutant.name} is caught on ${mutant.expectScenario}`, async () => {
    const dir = join(work, mutant.name);
    materializeMutant(mutant, referenceDir, dir);
    const impl: Implementation = {
      ...(await import(join(dir, "coordinator.ts"))),
      ...(await import(join(dir, "participant.ts"))),
      ...(await import(join(dir, "resolver.ts"))),
    } as Implementation;
    for (const seed of SEEDS) {
      const why = reason(await play(mutant.expectScenario, seed, impl));
      assert.match(why ?? "passed", new RegExp(mutant.expectReason), `seed ${seed}`);
    }
  });
