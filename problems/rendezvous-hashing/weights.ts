// The statement's highest-random-weight owner, as the judge computes it (statement.md):
// member m's weight for key k is hash64("<m>|<k>"); the owner is the member of the highest
// weight, the smaller node id on a tie.
import { hash64 } from "../../harness/sharded-kv/hash.ts";

export function rendezvousOwner(members: readonly string[]): (key: string) => string {
  const sorted = [...members].sort();
  return (key) => {
    let best = "";
    let bestWeight = -1n;
    for (const node of sorted) {
      const weight = hash64(`${node}|${key}`);
      if (weight > bestWeight) [best, bestWeight] = [node, weight];
    }
    return best;
  };
}
