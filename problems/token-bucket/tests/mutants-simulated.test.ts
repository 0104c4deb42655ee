// Each mutant, applied to the reference and driven over the simulated network
// (tests/support/rate-limit/simulation.ts) in the shape of the scenario it names, fails that
// scenario's check: the plans' "by design" arguments (mutants.ts) played out in process.
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
import { bucketChecks } from "../checks.ts";
import { configureRequest, type BucketLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { STEADY_KEYS } from "../plans/steady.ts";
import { Limiter } from "../reference/typescript/limiter.ts";
import { TokenBucketNode, type Peers } from "../reference/typescript/node.ts";

const work = mkdtempSync(join(tmpdir(), "token-bucket-mutants-sim-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base: Omit<SimSpec<BucketLimit>, "seed"> = {
  limit: { burst: 10, refillPerSecond: 10 },
  durationMs: 4000,
  saturatingClients: 0,
  steady: { clients: 0, thinkMs: [400, 600] },
  bursts: [],
  faults: { loseAnswer: 0 },
};

/** Each scenario's shape in the simulation ("hot" is homed at node-0). */
const SHAPES: Record<string, Omit<SimSpec<BucketLimit>, "seed">> = {
  hot_key: { ...base, saturatingClients: 6 },
  edge_bursts: { ...base, bursts: [{ atMs: 2000, requests: 40 }] },
  partition: {
    ...base,
    saturatingClients: 3,
    faults: { loseAnswer: 0, partition: { node: "node-0", fromMs: 1000, toMs: 3500 } },
  },
  steady: {
    ...base,
    durationMs: 10_000,
    steady: { clients: 2, thinkMs: [400, 600], keys: STEADY_KEYS },
  },
  restart: {
    ...base,
    limit: { burst: 20, refillPerSecond: 5 },
    bursts: [
      { atMs: 1000, requests: 40 },
      { atMs: 1600, requests: 40 },
    ],
    faults: {
      loseAnswer: 0,
      restart: { nodes: ["node-0", "node-1", "node-2"], killMs: 1300, startMs: 1400, skewMs: 0 },
    },
  },
};

/** The violated checks' reasons of one simulated run. */
const violations = (node: SimProblem<BucketLimit>["node"], spec: SimSpec<BucketLimit>) =>
  simulatedViolations({ slug: "token-bucket", node, configureRequest }, spec, bucketChecks);

test("the reference passes every shape", async () => {
  for (const [name, shape] of Object.entries(SHAPES))
    for (const seed of [1, 2, 3]) {
      const reasons = await violations(
        (id, nodes, peers, now) => new TokenBucketNode(id, nodes, new Limiter(), peers, now),
        { ...shape, seed },
      );
      assert.deepEqual(reasons, [], `${name} seed ${seed}`);
    }
});

for (const mutant of mutants)
  test(`${mutant.name} fails ${mutant.expectScenario}'s shape in simulation`, async () => {
    const dir = join(work, mutant.name);
    materializeMutant(mutant, referenceDirOf("token-bucket", "typescript"), dir);
    const { Limiter: MutantLimiter } = (await import(join(dir, "limiter.ts"))) as {
      Limiter: new () => Limiter;
    };
    const { TokenBucketNode: MutantNode } = (await import(join(dir, "node.ts"))) as {
      TokenBucketNode: new (
        id: string,
        nodes: readonly string[],
        limiter: Limiter,
        peers: Peers,
        now: () => number,
      ) => TokenBucketNode;
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
