// Who owns a key (statement.md, "Highest random weight"): each member's weight for the key is
// the first 8 bytes of SHA-256("<node id>|<key>") read big-endian; the owner is the member of
// the highest weight, equal weights going to the smaller node id.
import { createHash } from "node:crypto";

export function hash64(text: string): bigint {
  return createHash("sha256").update(text, "utf8").digest().readBigUInt64BE(0);
}

/** The owner function of one membership. */
export function ownerFunction(members: readonly string[]): (key: string) => string {
  const sorted = [...members].sort();
  return (key) => {
    let best = "";
    let bestWeight = -1n;
    for (const node of sorted) {
      const weight = hash64(`${node}|${key}`);
      // Strictly higher: on a tie the smaller id, seen first, stays.
      if (weight > bestWeight) {
        best = node;
        bestWeight = weight;
      }
    }
    return best;
  };
}
