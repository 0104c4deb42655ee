// The clients every Chandy-Lamport scenario runs, and the snapshot starts its plan schedules.
import type { Random } from "../../../harness/random.ts";
import { AMOUNT_MAX } from "../limits.ts";
import type { SnapshotStart, SnapshotWorkload } from "../workload.ts";

export const NODES = ["node-0", "node-1", "node-2"];

/** Three clients paying 1 to 20 tokens, 20 to 60 ms apart: a few dozen transfers a second. */
export const PAYING_CLIENTS: Omit<SnapshotWorkload, "snapshots"> = {
  clients: 3,
  thinkMs: [20, 60],
  amountMax: AMOUNT_MAX,
};

/**
 * One snapshot start at `node`: the judge pays it from another node first (never one of
 * `busy`, which may not answer then) and it pays a random peer just after.
 */
export function startAt(
  random: Random,
  atMs: number,
  node: string,
  snapshotId: number,
  busy: readonly string[] = [],
): SnapshotStart {
  const others = NODES.filter((n) => n !== node);
  const primeFrom = random.pick(others.filter((n) => !busy.includes(n)));
  return { atMs, snapshotId, node, primeFrom, payTo: random.pick(others) };
}

/** Snapshots one at a time: one start at a random node at each time given (ids from 1). */
export function oneAtATime(random: Random, times: readonly number[]): SnapshotStart[] {
  return times.map((atMs, i) => startAt(random, atMs, random.pick(NODES), i + 1));
}
