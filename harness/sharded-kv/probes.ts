// The keys the judge chooses itself: a random sample for the statistics, and anchors, keys
// no client writes, which the judge puts once before the clients start and reads after every
// membership change at their new owner and at the end. Anchors are chosen with the
// statement's owner function so every change moves at least two from each node that loses
// keys to each node that gains them: the change surely moves written data.
import type { OwnerFunction } from "./checks/owners.ts";
import { PROBE_KEYS } from "./bounds.ts";
import type { MembershipStep } from "./workload.ts";

export function sampleKeys(seed: number): string[] {
  return Array.from({ length: PROBE_KEYS }, (_, i) => `sample-${seed}-${i}`);
}

/** Anchors covering every (from, to) move of every change, at least `each` per move. */
export function anchorKeys(
  memberships: readonly MembershipStep[],
  owners: OwnerFunction,
  each = 2,
  limit = 20_000,
): string[] {
  const chosen = new Set<string>();
  for (let c = 1; c < memberships.length; c++) {
    const before = owners((memberships[c - 1] as MembershipStep).members);
    const after = owners((memberships[c] as MembershipStep).members);
    const found = new Map<string, number>();
    for (let i = 0; i < limit; i++) {
      const key = `anchor-${c}-${i}`;
      const [from, to] = [before(key), after(key)];
      if (from === to) continue;
      const move = `${from}>${to}`;
      if ((found.get(move) ?? 0) >= each) continue;
      found.set(move, (found.get(move) ?? 0) + 1);
      chosen.add(key);
      // Each change has at most one move per other member (one joiner or one leaver).
      const members = Math.max(
        (memberships[c - 1] as MembershipStep).members.length,
        (memberships[c] as MembershipStep).members.length,
      );
      if (found.size >= members - 1 && [...found.values()].every((n) => n >= each)) break;
    }
  }
  return [...chosen];
}
