// Each mutant's logic on the simulated network, under the conditions of the scenario named to
// catch it (its bursts, its fault, for every node the plan's seed may pick), on many seeds:
// the judge's over-admission search finds it every time, and never finds the reference under
// the same conditions. This is the in-process half of the 5-of-5 argument in mutants.ts
// (the lead's bench runs the other on real clusters).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { applyMutantEdits } from "../../../harness/mutants.ts";
import { LIMIT, HOMED_KEYS } from "../plans/blocks.ts";
import { RESTART_LIMIT } from "../plans/node-restart.ts";
import { mutants } from "../mutants.ts";
import type { Frontdoor } from "../reference/typescript/frontdoor.ts";
import type { Limiter } from "../reference/typescript/limiter.ts";
import { NODES, overAdmissionIn, simulate, type SimOptions } from "./simulation.ts";

const reference = fileURLToPath(new URL("../reference/typescript/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "sliding-window-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Logic = Pick<SimOptions, "Limiter" | "Frontdoor">;

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

const bursts = (atMs: number[], requests: number) =>
  atMs.flatMap((at) => HOMED_KEYS.map((key) => ({ atMs: at, key, requests })));

const base = {
  clients: 2,
  keys: ["hot"],
  thinkMs: [0, 10] as [number, number],
  delayMs: [1, 8] as [number, number],
  loseAnswerProbability: 0,
};

/** Each scenario's conditions, once per node its seed may pick. */
const CONDITIONS: Record<string, (node: string) => Omit<SimOptions, "seed">> = {
  skewed_keys: () => ({
    ...base,
    config: { limit: LIMIT.limit, window_ms: LIMIT.windowMs },
    durationMs: 6000,
    bursts: bursts([2000, 5000], 3 * (LIMIT.limit + 1)),
  }),
  window_edges: () => ({
    ...base,
    config: { limit: LIMIT.limit, window_ms: LIMIT.windowMs },
    durationMs: 5000,
    bursts: bursts([1000, 1930, 2060], 3 * (LIMIT.limit + 1)),
  }),
  partition: (node) => ({
    ...base,
    config: { limit: LIMIT.limit, window_ms: LIMIT.windowMs },
    durationMs: 6000,
    partition: { node, fromMs: 1500, toMs: 5000 },
    bursts: bursts([2500, 4000], 3 * (LIMIT.limit + 1)),
  }),
  node_restart: (node) => ({
    ...base,
    config: { limit: RESTART_LIMIT.limit, window_ms: RESTART_LIMIT.windowMs },
    durationMs: 7000,
    restart: { node, downMs: 3500, upMs: 3700, skewMs: 0, configureMs: 150 },
    bursts: bursts([3300, 4500], 3 * (RESTART_LIMIT.limit + 1)),
  }),
};

const SEEDS = Array.from({ length: 10 }, (_, i) => 1000 + i * 7919);

/** The first key whose history the judge's search finds over the limit, or null. */
async function caught(opts: SimOptions): Promise<string | null> {
  const { ops } = await simulate(opts);
  const limit = { limit: opts.config.limit, windowMs: opts.config.window_ms };
  for (const key of new Set(ops.map((op) => op.key))) {
    const over = overAdmissionIn(
      ops.filter((op) => op.key === key),
      limit,
    );
    if (over) return `${key}: ${over.inside.length} allowed, bound ${over.bound}`;
  }
  return null;
}

for (const [scenario, conditions] of Object.entries(CONDITIONS)) {
  test(`the reference holds under ${scenario}'s conditions`, async () => {
    for (const node of NODES)
      for (const seed of SEEDS)
        assert.equal(await caught({ ...conditions(node), seed }), null, `${node}, seed ${seed}`);
  });
}

for (const mutant of mutants) {
  test(`${mutant.name}: caught on every simulated ${mutant.expectScenario} run`, async () => {
    const logic = await mutantLogic(mutant.name);
    const conditions = CONDITIONS[mutant.expectScenario];
    assert.ok(conditions, mutant.expectScenario);
    for (const node of NODES)
      for (const seed of SEEDS) {
        const found = await caught({ ...conditions(node), seed, ...logic });
        assert.ok(found, `${node}, seed ${seed}: not caught`);
      }
  });
}
