// Each mutant, applied to the reference and driven over the simulated network in the shape of
// the scenario it names, fails that scenario's check, and the reference passes every shape
// (tests/support/rate-limit/mutants-simulated.ts).
import { simulatedMutantsSuite } from "../../../tests/support/rate-limit/mutants-simulated.ts";
import type { SimSpec } from "../../../tests/support/rate-limit/simulation.ts";
import { windowChecks } from "../checks.ts";
import { configureRequest, type WindowLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { STEADY_KEYS } from "../plans/steady.ts";

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
const shapes: Record<string, Shape> = {
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

simulatedMutantsSuite({
  slug: "fixed-window",
  nodeClass: "FixedWindowNode",
  configureRequest,
  checks: windowChecks,
  mutants,
  shapes,
});
