// Each mutant, applied to the reference and driven over the simulated network
// (tests/support/rate-limit/simulation.ts) in the shape of the scenario it names, fails that
// scenario's check, and the reference passes every shape: the plans' "by design" arguments
// (mutants.ts) played out in process.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import {
  simulatedViolations,
  type SimProblem,
  type SimSpec,
} from "../../../tests/support/rate-limit/simulation.ts";
import { referenceDirOf } from "../../paths.ts";
import { windowChecks } from "../checks.ts";
import { configureRequest, type WindowLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { STEADY_KEYS } from "../plans/steady.ts";
import { Limiter } from "../reference/typescript/limiter.ts";
import { FixedWindowNode, type Peers } from "../reference/typescript/node.ts";

const work = mkdtempSync(join(tmpdir(), "fixed-window-mutants-sim-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Shape = Omit<SimSpec<WindowLimit>, "seed">;

const base: Shape = {
  limit: { limit: 10, windowMs: 1000 },
  durationMs: 4000,
  saturatingClients: 0,
  steady: { clients: 0, thinkMs: [250, 300] },
  bursts: [],
  faults: { loseAnswer: 0 },
};

/** Each scenario's shape in the simulation (time 0 at 0; "hot" is homed at node-0). */
const SHAPES: Record<string, Shape> = {
  hot_key: { ...base, saturatingClients: 6 },
  edge_bursts: {
    ...base,
    bursts: [
      { atMs: 1500, requests: 20 },
      { atMs: 2950, requests: 20 },
      { atMs: 3020, requests: 20 },
    ],
  },
  partition: {
    ...base,
    saturatingClients: 3,
    faults: { loseAnswer: 0, partition: { node: "node-0", fromMs: 1000, toMs: 3500 } },
  },
  steady: {
    ...base,
    durationMs: 10_000,
    steady: { clients: 1, thinkMs: [250, 300], keys: STEADY_KEYS },
  },
  restart: {
    ...base,
    limit: { limit: 10, windowMs: 6000 },
    bursts: [
      { atMs: 300, requests: 20 },
      { atMs: 1200, requests: 20 },
    ],
    faults: {
      loseAnswer: 0,
      restart: { nodes: ["node-0", "node-1", "node-2"], killMs: 600, startMs: 700, skewMs: 0 },
    },
  },
};

const violations = (node: SimProblem<WindowLimit>["node"], spec: SimSpec<WindowLimit>) =>
  simulatedViolations({ slug: "fixed-window", node, configureRequest }, spec, windowChecks);

test("the reference passes every shape", async () => {
  for (const [name, shape] of Object.entries(SHAPES))
    for (const seed of [1, 2, 3]) {
      const reasons = await violations(
        (id, nodes, peers, now) => new FixedWindowNode(id, nodes, new Limiter(), peers, now),
        { ...shape, seed },
      );
      assert.deepEqual(reasons, [], `${name} seed ${seed}`);
    }
});

for (const mutant of mutants)
  test(`${mutant.name} fails ${mutant.expectScenario}'s shape in simulation`, async () => {
    const dir = join(work, mutant.name);
    materializeMutant(mutant, referenceDirOf("fixed-window", "typescript"), dir);
    const { Limiter: MutantLimiter } = (await import(join(dir, "limiter.ts"))) as {
      Limiter: new () => Limiter;
    };
    const { FixedWindowNode: MutantNode } = (await import(join(dir, "node.ts"))) as {
      FixedWindowNode: new (
        id: string,
        nodes: readonly string[],
        limiter: Limiter,
        peers: Peers,
        now: () => number,
      ) => FixedWindowNode;
    };
    const shape = SHAPES[mutant.expectScenario];
    assert.ok(shape, mutant.expectScenario);
    for (const seed of [1, 2, 3]) {
      const reasons = await violations(
        (id, nodes, peers, now) => new MutantNode(id, nodes, new MutantLimiter(), peers, now),
        { ...shape, seed },
      );
      assert.ok(
        reasons.some((r) => new RegExp(mutant.expectReason).test(r)),
        `seed ${seed}: ${reasons.join("; ") || "no check violated"}`,
      );
    }
  });
