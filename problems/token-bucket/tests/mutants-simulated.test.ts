// Each mutant, applied to the reference and driven over the simulated network in the shape of
// the scenario it names, fails that scenario's check, and the reference passes every shape
// (tests/support/rate-limit/mutants-simulated.ts).
import { simulatedMutantsSuite } from "../../../tests/support/rate-limit/mutants-simulated.ts";
import type { SimSpec } from "../../../tests/support/rate-limit/simulation.ts";
import { bucketChecks } from "../checks.ts";
import { configureRequest, type BucketLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { STEADY_KEYS } from "../plans/steady.ts";

const base: Omit<SimSpec<BucketLimit>, "seed"> = {
  limit: { burst: 10, refillPerSecond: 10 },
  durationMs: 4000,
  saturatingClients: 0,
  steady: { clients: 0, thinkMs: [400, 600] },
  bursts: [],
  faults: { loseAnswer: 0 },
};

/** Each scenario's shape in the simulation ("hot" is homed at node-0). */
const shapes: Record<string, Omit<SimSpec<BucketLimit>, "seed">> = {
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

simulatedMutantsSuite({
  slug: "token-bucket",
  nodeClass: "TokenBucketNode",
  configureRequest,
  checks: bucketChecks,
  mutants,
  shapes,
});
