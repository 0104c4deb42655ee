// The reference's logic in process: a bucket's refill and cap, a retry's decision kept, the
// configuration rules; the keys the plans rely on homed where the plans say; and the checks
// holding over thousands of seeded simulated runs with the scenarios' faults (simulation.ts).
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import {
  burstsArb,
  checksHoldOnSimulatedRuns,
  faultsArb,
} from "../../../tests/support/rate-limit/simulated-runs.ts";
import { TokenBucket } from "../reference/typescript/bucket.ts";
import { homeOf } from "../reference/typescript/home.ts";
import { InvalidRequest, Limiter } from "../reference/typescript/limiter.ts";
import { TokenBucketNode } from "../reference/typescript/node.ts";
import { bucketChecks } from "../checks.ts";
import { PARTITION_KEYS } from "../plans/partition.ts";
import { STEADY_KEYS } from "../plans/steady.ts";
import {
  NODES,
  simulate,
  type SimProblem,
  type SimSpec,
} from "../../../tests/support/rate-limit/simulation.ts";
import { configureRequest, type BucketLimit } from "../client.ts";

/** The reference's nodes as the simulation drives them. */
const SIMULATED: SimProblem<BucketLimit> = {
  slug: "token-bucket",
  node: (id, nodes, peers, now) => new TokenBucketNode(id, nodes, new Limiter(), peers, now),
  configureRequest,
};

const CHECK_OPTS = { searchTimeoutMs: 1000 };

test("a bucket refills at its rate up to its burst and lets through whole tokens only", () => {
  const limit = { burst: 3, refillPerMs: 0.01 };
  const bucket = new TokenBucket(3, 0);
  assert.deepEqual(
    [0, 0, 0, 0].map(() => bucket.take(limit, 0)),
    [true, true, true, false],
  );
  assert.equal(bucket.take(limit, 99), false, "0.99 of a token is not one");
  assert.equal(bucket.take(limit, 100), true);
  // An idle hour refills three tokens, no more.
  assert.deepEqual(
    [0, 0, 0, 0].map(() => bucket.take(limit, 3_600_000)),
    [true, true, true, false],
  );
});

test("a limiter keeps each decision for its retries, and its configuration rules", () => {
  const limiter = new Limiter();
  assert.equal(limiter.decide("k", "r0", 0), false, "not configured: denied");
  limiter.configure({ burst: 1, refill_per_second: 1, elapsed_ms: 0 }, 0);
  assert.equal(limiter.decide("k", "r0", 0), true, "first configuration: buckets start full");
  assert.equal(limiter.decide("k", "r1", 1), false);
  assert.equal(limiter.decide("k", "r0", 2), true, "a retry gets its decision again");
  // The same limit again changes nothing; a retry of r1 a second later is still denied.
  limiter.configure({ burst: 1, refill_per_second: 1, elapsed_ms: 5 }, 3);
  assert.equal(limiter.decide("k", "r1", 1500), false);
  assert.equal(limiter.decide("k", "r2", 1500), true);
  assert.throws(
    () => limiter.configure({ burst: 0, refill_per_second: 1, elapsed_ms: 0 }, 0),
    InvalidRequest,
  );
  const restarted = new Limiter();
  restarted.configure({ burst: 5, refill_per_second: 10, elapsed_ms: 4000 }, 0);
  assert.equal(restarted.decide("k", "x", 50), false, "a restarted node starts empty");
  assert.equal(restarted.decide("k", "y", 100), true, "and gains a token in 100 ms");
});

test("a node asks the key's home and denies when the home does not answer", async () => {
  const limiter = new Limiter();
  limiter.configure({ burst: 10, refill_per_second: 1, elapsed_ms: 0 }, 0);
  const asked: string[] = [];
  const away = PARTITION_KEYS.find((k) => homeOf(k, NODES) !== "node-0") as string;
  const node = new TokenBucketNode(
    "node-0",
    NODES,
    limiter,
    {
      forward: async (home) => (asked.push(home), null),
    },
    () => 0,
  );
  assert.equal(await node.allow({ key: away, request_id: "a" }), false);
  assert.deepEqual(asked, [homeOf(away, NODES)]);
  await assert.rejects(node.allow({ key: "", request_id: "a" }), InvalidRequest);
});

test("the plans' keys are homed where the plans and mutants say", () => {
  assert.deepEqual(
    PARTITION_KEYS.map((k) => homeOf(k, NODES)),
    ["node-0", "node-1", "node-2"],
  );
  assert.deepEqual(new Set(STEADY_KEYS.map((k) => homeOf(k, NODES))), new Set(["node-1"]));
});

const specs: fc.Arbitrary<SimSpec<BucketLimit>> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    burst: fc.integer({ min: 2, max: 20 }),
    refillPerSecond: fc.integer({ min: 2, max: 50 }),
    saturatingClients: fc.integer({ min: 0, max: 3 }),
    steadyClients: fc.integer({ min: 1, max: 10 }),
    bursts: burstsArb,
    faults: faultsArb,
  })
  .map((r) => {
    // A steady stream as the plans make them: at most burst/2 clients, at most refill/2.
    const clients = Math.max(1, Math.min(r.steadyClients, Math.floor(r.burst / 2)));
    const thinkMin = Math.ceil((2000 * clients) / r.refillPerSecond);
    return {
      seed: r.seed,
      limit: { burst: r.burst, refillPerSecond: r.refillPerSecond },
      durationMs: 3000,
      saturatingClients: r.saturatingClients,
      steady: { clients, thinkMs: [thinkMin, thinkMin + 50] as [number, number] },
      bursts: r.bursts,
      faults: r.faults,
    };
  });

checksHoldOnSimulatedRuns(SIMULATED, bucketChecks, specs);

test("with no fault, the steady stream is judged and every request of it goes through", async () => {
  const run = await simulate(SIMULATED, {
    seed: 3,
    limit: { burst: 10, refillPerSecond: 10 },
    durationMs: 12_000,
    saturatingClients: 3,
    steady: { clients: 2, thinkMs: [400, 600] },
    bursts: [{ atMs: 2000, requests: 40 }],
    faults: { loseAnswer: 0.05 },
  });
  const [admission, denial] = bucketChecks.map((c) => c.run(run, CHECK_OPTS));
  assert.equal(admission?.status, "holds", admission?.message);
  assert.equal(denial?.status, "holds", denial?.message);
  assert.match(denial?.message ?? "", /\(100\.0%\)/);
});
