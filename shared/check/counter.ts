// Counters (Maelstrom's g-counter and pn-counter workloads): which values a read may return.
// An add is ok (applied once), fail (surely not applied) or info (maybe applied). A final
// read after the heal must be Σ ok deltas plus the deltas of some subset of the info adds;
// a read mid-run is judged only with bounds that a stale (not yet gossiped) read keeps.

/** One add as the checks see it. `node`: the node that acknowledged it (ok adds only). */
export interface CounterAdd {
  delta: number;
  outcome: "ok" | "fail" | "info";
  startMs: number;
  /** null while open: an info add may have been applied at any time after it started. */
  endMs: number | null;
  node?: string;
}

/** One ok read: the node that answered, when it was invoked and completed, its value. */
export interface CounterRead {
  node: string;
  startMs: number;
  endMs: number;
  value: number;
}

/** How many partial sums the subset search may hold before it says inconclusive. */
export const SUBSET_SUMS_MAX = 200_000;

export type Acceptable =
  { status: "yes" } | { status: "no"; why: string } | { status: "unknown"; why: string };

const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);

/**
 * Whether `target` is the sum of some subset of `deltas` (integers of either sign). Sums
 * of the same value merge, so the search holds at most the number of distinct partial sums:
 * beyond `sumsMax` it answers unknown rather than guess.
 */
export function subsetSumReaches(
  deltas: readonly number[],
  target: number,
  sumsMax = SUBSET_SUMS_MAX,
): boolean | "unknown" {
  const nonZero = deltas.filter((d) => d !== 0);
  const low = sum(nonZero.filter((d) => d < 0));
  const high = sum(nonZero.filter((d) => d > 0));
  if (target < low || target > high) return false;
  // Only ±1: every integer in [low, high] is reachable.
  if (nonZero.every((d) => Math.abs(d) === 1)) return true;
  let reachable = new Set<number>([0]);
  for (const d of nonZero) {
    const next = new Set(reachable);
    for (const s of reachable) next.add(s + d);
    reachable = next;
    if (reachable.size > sumsMax) return "unknown";
  }
  return reachable.has(target);
}

/** A final read's value against Σ ok deltas plus a subset of the info deltas. */
export function finalValueAcceptable(adds: readonly CounterAdd[], value: number): Acceptable {
  const okSum = sum(adds.filter((a) => a.outcome === "ok").map((a) => a.delta));
  const info = adds.filter((a) => a.outcome === "info").map((a) => a.delta);
  const reaches = subsetSumReaches(info, value - okSum);
  const what = `the ok adds sum to ${okSum}, and ${info.length} adds of unknown outcome sum to ${sum(info)}`;
  if (reaches === true) return { status: "yes" };
  if (reaches === "unknown")
    return { status: "unknown", why: `${what}: too many subsets to search for ${value}` };
  return { status: "no", why: `${value} is not Σ ok adds plus some of the unknown ones (${what})` };
}

/** Bounds a read at a node must keep, however stale its view of the other nodes. */
export interface ReadBounds {
  low: number;
  high: number;
}

/**
 * The read's bounds. Every add its node acknowledged before the read was invoked is in its
 * state (durable before the answer); no add invoked after the read completed can be; adds
 * that failed are in no state. Positive deltas raise the high bound when merely possible and
 * the low bound when surely included; negative deltas the other way round.
 */
export function readBounds(adds: readonly CounterAdd[], read: CounterRead): ReadBounds {
  let low = 0;
  let high = 0;
  for (const add of adds) {
    if (add.outcome === "fail") continue;
    const sure =
      add.outcome === "ok" &&
      add.node === read.node &&
      add.endMs !== null &&
      add.endMs < read.startMs;
    const possible = add.startMs < read.endMs;
    if (!possible) continue;
    if (add.delta >= 0) {
      high += add.delta;
      if (sure) low += add.delta;
    } else {
      low += add.delta;
      if (sure) high += add.delta;
    }
  }
  return { low, high };
}

export type ReadViolation =
  | { kind: "above"; read: CounterRead; bound: number }
  | { kind: "below"; read: CounterRead; bound: number }
  | { kind: "decreased"; read: CounterRead; earlier: CounterRead };

/**
 * The first read (by completion) outside its bounds, or, when `monotonic` (every delta ≥ 0),
 * lower than a read at the same node that completed before it was invoked.
 */
export function firstReadViolation(
  adds: readonly CounterAdd[],
  reads: readonly CounterRead[],
  monotonic: boolean,
): ReadViolation | null {
  const byEnd = [...reads].sort((a, b) => a.endMs - b.endMs);
  for (const read of byEnd) {
    const { low, high } = readBounds(adds, read);
    if (read.value > high) return { kind: "above", read, bound: high };
    if (read.value < low) return { kind: "below", read, bound: low };
    if (!monotonic) continue;
    const earlier = byEnd.find(
      (r) => r.node === read.node && r.endMs < read.startMs && r.value > read.value,
    );
    if (earlier) return { kind: "decreased", read, earlier };
  }
  return null;
}
