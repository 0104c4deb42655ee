// The statement's ring, as the judge computes it (statement.md, "The ring"): every member's
// V points, point = hash64("<node id>#<i>"); a key's owner is the first point at or after
// hash64(key), wrapping past the highest point to the lowest; equal points in node-id order.
import { hash64 } from "../../harness/sharded-kv/hash.ts";

/** The virtual-node counts a node may declare (Info). */
export const ALLOWED_VNODES = [16, 32, 64, 100, 128, 256] as const;

export interface RingPoint {
  at: bigint;
  node: string;
  /** The virtual node's index i in "<node id>#<i>". */
  index: number;
}

export function ringPoints(members: readonly string[], vnodes: number): RingPoint[] {
  const points: RingPoint[] = [];
  for (const node of members)
    for (let index = 0; index < vnodes; index++)
      points.push({ at: hash64(`${node}#${index}`), node, index });
  return points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node < b.node ? -1 : 1));
}

/** The position in `points` of the first point at or after `at` (points.length: past all). */
function successor(points: readonly RingPoint[], at: bigint): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as RingPoint).at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function ringOwner(vnodes: number) {
  return (members: readonly string[]): ((key: string) => string) => {
    const points = ringPoints(members, vnodes);
    return (key) => {
      const i = successor(points, hash64(key));
      return (points[i === points.length ? 0 : i] as RingPoint).node;
    };
  };
}

/**
 * Keys a wrong ring surely misplaces, found by search: two past the highest point (owned by
 * the lowest point's node only through the wrap-around), and one in the arc ending at each
 * member's first and last virtual node ("#0" and "#V-1": a ring built with one too few or
 * from 1 gives those arcs to another node).
 */
export function designedRingKeys(
  members: readonly string[],
  vnodes: number,
  tries = 200_000,
): string[] {
  const points = ringPoints(members, vnodes);
  const top = (points.at(-1) as RingPoint).at;
  const wanted = new Map<string, number>([["wrap", 2]]);
  for (const node of members) {
    wanted.set(`${node}#0`, 1);
    wanted.set(`${node}#${vnodes - 1}`, 1);
  }
  const keys: string[] = [];
  const tag = `${vnodes}-${[...members].sort().join(",")}`;
  for (let t = 0; t < tries && wanted.size; t++) {
    const key = `edge-${tag}-${t}`;
    const at = hash64(key);
    const i = successor(points, at);
    const arc =
      at > top ? "wrap" : `${(points[i] as RingPoint).node}#${(points[i] as RingPoint).index}`;
    const left = wanted.get(arc);
    if (left === undefined) continue;
    keys.push(key);
    if (left > 1) wanted.set(arc, left - 1);
    else wanted.delete(arc);
  }
  return keys;
}
