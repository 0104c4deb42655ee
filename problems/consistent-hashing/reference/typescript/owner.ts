// Who owns a key (statement.md, "The ring"): every member's VNODES points on a 64-bit ring,
// point = the first 8 bytes of SHA-256("<node id>#<i>") read big-endian; a key's point the
// same of the key; its owner is the first point at or after it, wrapping past the top to the
// lowest point; equal points are ordered by node id.
import { createHash } from "node:crypto";

/** The virtual-node count this node declares through Info (the statement's allowed set). */
export const VNODES = 100;

export function hash64(text: string): bigint {
  return createHash("sha256").update(text, "utf8").digest().readBigUInt64BE(0);
}

interface Point {
  at: bigint;
  node: string;
}

/** The owner function of one membership: the ring is built once per view. */
export function ownerFunction(members: readonly string[]): (key: string) => string {
  const ring: Point[] = [];
  for (const node of members)
    for (let i = 0; i < VNODES; i++) ring.push({ at: hash64(`${node}#${i}`), node });
  ring.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node < b.node ? -1 : 1));
  return (key) => {
    const at = hash64(key);
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ring[mid] as Point).at < at) lo = mid + 1;
      else hi = mid;
    }
    // Past the highest point the ring wraps to its lowest.
    return (ring[lo === ring.length ? 0 : lo] as Point).node;
  };
}
