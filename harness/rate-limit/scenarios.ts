// The scenarios every rate limiter runs alike, for a problem's limit and its steady stream's
// shape (each problem's plans/ wraps them with its own numbers and keys):
// - steady: five keys under a steady load, no fault (over-denial; one count for all keys);
// - hot_key: one key saturated by six clients at every node beside two steady keys (a node
//   deciding alone, or counting wrongly, admits more than the bound);
// - partition: keys saturated at every node, one node cut off from the others for 3.5 s (a
//   side deciding without the key's decider admits a limit of its own);
// - clock_skew: a node killed and started with its clock seconds off, under load.
import type { ScenarioPlan } from "../plan.ts";
import { seededRandom } from "../random.ts";
import { saturating, steady } from "./plan-blocks.ts";
import type { RateWorkload } from "./workload.ts";

/** A steady stream's clients on one key, and their pause between requests. */
export interface SteadyShape {
  clients: number;
  thinkMs: [number, number];
}

const NODES = ["node-0", "node-1", "node-2"];
const RUN_MS = 8000;

/** `limitWords`: the limit in words for the descriptions ("10 tokens, 10 per second"). */
export function steadyScenario<L>(
  seed: number,
  limit: L,
  limitWords: string,
  keys: readonly string[],
  shape: SteadyShape,
): ScenarioPlan<RateWorkload<L>> {
  return {
    name: "steady",
    description: `${keys.length} keys, each with ${shape.clients} steady client(s) pausing ${shape.thinkMs[0]}–${shape.thinkMs[1]} ms, at random nodes (the limit: ${limitWords}); no fault.`,
    seed,
    workload: {
      limit,
      streams: keys.map((key) => steady(key, 0, RUN_MS, shape.clients, shape.thinkMs)),
      bursts: [],
    },
    workloadMs: RUN_MS,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}

export function hotKeyScenario<L>(
  seed: number,
  limit: L,
  limitWords: string,
  shape: SteadyShape,
): ScenarioPlan<RateWorkload<L>> {
  return {
    name: "hot_key",
    description: `Six clients send on "hot" as fast as they are answered, at random nodes (the limit: ${limitWords}); the keys "cold-1" and "cold-2" get steady clients; no fault.`,
    seed,
    workload: {
      limit,
      streams: [
        saturating("hot", 0, RUN_MS, 6),
        steady("cold-1", 0, RUN_MS, shape.clients, shape.thinkMs),
        steady("cold-2", 0, RUN_MS, shape.clients, shape.thinkMs),
      ],
      bursts: [],
    },
    workloadMs: RUN_MS,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}

/**
 * `keys`: one homed at each node by the problem's reference, so that whichever node is cut
 * off, one key's decider is alone and the two others cannot reach it.
 */
export function partitionScenario<L>(
  seed: number,
  limit: L,
  limitWords: string,
  keys: readonly string[],
): ScenarioPlan<RateWorkload<L>> {
  const alone = seededRandom(seed).fork("partition").pick(NODES);
  return {
    name: "partition",
    description: `Three clients per key keep ${keys.join(", ")} saturated at random nodes (the limit: ${limitWords}); ${alone} is cut off from the other nodes from 2 s to 5.5 s (clients still reach it).`,
    seed,
    workload: {
      limit,
      streams: keys.map((key) => saturating(key, 0, RUN_MS, 3)),
      bursts: [],
    },
    workloadMs: RUN_MS,
    faults: [
      { atMs: 2000, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: 5500, action: { kind: "heal" } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}

export function clockSkewScenario<L>(
  seed: number,
  limit: L,
  limitWords: string,
  shape: SteadyShape,
): ScenarioPlan<RateWorkload<L>> {
  const random = seededRandom(seed).fork("clock_skew");
  const node = random.pick(NODES);
  const skewMs = random.pick([-1, 1]) * random.int(3000, 9000);
  return {
    name: "clock_skew",
    description: `Four clients saturate "hot" and two cold keys run steady (the limit: ${limitWords}); ${node} is killed at 1 s and started at 1.5 s with its clock ${Math.abs(skewMs)} ms ${skewMs > 0 ? "ahead" : "behind"}.`,
    seed,
    workload: {
      limit,
      streams: [
        saturating("hot", 0, RUN_MS, 4),
        steady("cold-1", 0, RUN_MS, shape.clients, shape.thinkMs),
        steady("cold-2", 0, RUN_MS, shape.clients, shape.thinkMs),
      ],
      bursts: [],
    },
    workloadMs: RUN_MS,
    faults: [
      { atMs: 1000, action: { kind: "kill", node } },
      { atMs: 1500, action: { kind: "start", node, skewMs } },
    ],
    recoveryMs: 500,
    idleWindows: [],
  };
}
