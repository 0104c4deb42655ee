// Each mutant's logic on the family's simulated network, under the conditions of the scenario
// named to catch it (its burst of 3·(limit + 1) requests, limit + 1 to every node, its fault
// on the node the reference's hash makes matter), on many seeds: the over-admission check
// catches it every time, and passes the reference under the same conditions. This is the
// in-process half of the 5-of-5 argument in mutants.ts (the lead's bench runs the other).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { applyMutantEdits } from "../../../harness/mutants.ts";
import { OVER_ADMISSION } from "../../../harness/rate-limit/index.ts";
import { NODES, simulate, type SimSpec } from "../../../tests/support/rate-limit/simulation.ts";
import { windowChecks } from "../checks.ts";
import type { WindowLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { LIMIT } from "../plans/blocks.ts";
import { RESTART_LIMIT } from "../plans/restart.ts";
import type { Frontdoor } from "../reference/typescript/frontdoor.ts";
import { homeOf } from "../reference/typescript/home.ts";
import type { Limiter } from "../reference/typescript/limiter.ts";
import { simulated, type Logic } from "./simulated.ts";

const reference = fileURLToPath(new URL("../reference/typescript/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "sliding-window-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function mutantLogic(name: string): Promise<Logic> {
  const mutant = mutants.find((m) => m.name === name);
  assert.ok(mutant, name);
  const dir = join(work, name);
  cpSync(reference, dir, { recursive: true });
  applyMutantEdits(dir, mutant);
  const limiter = (await import(join(dir, "limiter.ts"))) as { Limiter: typeof Limiter };
  const frontdoor = (await import(join(dir, "frontdoor.ts"))) as { Frontdoor: typeof Frontdoor };
  return { Limiter: limiter.Limiter, Frontdoor: frontdoor.Frontdoor };
}

/** The simulation's bursts are on the key "burst": the node the reference makes its home. */
const BURST_HOME = homeOf("burst", NODES);

const base = (limit: WindowLimit, bursts: number[]) => ({
  limit,
  durationMs: 7000,
  saturatingClients: 2,
  steady: { clients: 0, thinkMs: [1000, 1000] as [number, number] },
  bursts: bursts.map((atMs) => ({ atMs, requests: 3 * (limit.limit + 1) })),
});

/** Each scenario's conditions, for every node its seed may pick where one matters. */
const CONDITIONS: Record<string, Omit<SimSpec<WindowLimit>, "seed">[]> = {
  hot_key: [{ ...base(LIMIT, [2000, 5000]), faults: { loseAnswer: 0 } }],
  edge_bursts: [{ ...base(LIMIT, [1000, 1930, 2060]), faults: { loseAnswer: 0 } }],
  // The lone node is any but the burst key's home (a plan's three keys have a home at every
  // node, so whichever node is cut off, two of them are homed across the cut).
  partition: NODES.filter((n) => n !== BURST_HOME).map((node) => ({
    ...base(LIMIT, [2500, 4000]),
    faults: { partition: { node, fromMs: 1500, toMs: 5000 }, loseAnswer: 0 },
  })),
  // The victim is the burst key's home (one of a plan's three keys is homed at it).
  restart: [
    {
      ...base(RESTART_LIMIT, [3300, 4500]),
      faults: {
        restart: { nodes: [BURST_HOME], killMs: 3500, startMs: 3700, skewMs: 0 },
        loseAnswer: 0,
      },
    },
  ],
};

const SEEDS = Array.from({ length: 10 }, (_, i) => 1000 + i * 7919);
const CHECK_OPTS = { searchTimeoutMs: 1000 };
const overAdmission = windowChecks.find((c) => c.name === OVER_ADMISSION);

for (const [scenario, conditions] of Object.entries(CONDITIONS)) {
  test(`the reference holds under ${scenario}'s conditions`, async () => {
    for (const spec of conditions)
      for (const seed of SEEDS) {
        const run = await simulate(simulated(), { ...spec, seed });
        const result = overAdmission?.run(run, CHECK_OPTS);
        assert.equal(result?.status, "holds", `seed ${seed}: ${result?.message}`);
      }
  });
}

for (const mutant of mutants) {
  test(`${mutant.name}: caught on every simulated ${mutant.expectScenario} run`, async () => {
    const logic = await mutantLogic(mutant.name);
    const conditions = CONDITIONS[mutant.expectScenario];
    assert.ok(conditions, mutant.expectScenario);
    for (const spec of conditions)
      for (const seed of SEEDS) {
        const run = await simulate(simulated(logic), { ...spec, seed });
        const result = overAdmission?.run(run, CHECK_OPTS);
        assert.equal(result?.status, "violated", `seed ${seed}: ${result?.message}`);
        assert.match(`${result?.property}: ${result?.message}`, new RegExp(mutant.expectReason));
      }
  });
}
