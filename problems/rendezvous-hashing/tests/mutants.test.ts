// Every mutant applies to the reference and builds (the shared suite);
// and the weight mutants surely misplace keys the judge reads on their scenario.
import assert from "node:assert/strict";
import { test } from "vitest";
import { hash64 } from "../../../harness/sharded-kv/hash.ts";
import { SHARD_PLANS } from "../../../harness/sharded-kv/plans/index.ts";
import { sampleKeys } from "../../../harness/sharded-kv/probes.ts";
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { rendezvousHashing } from "../problem.ts";
import { rendezvousOwner } from "../weights.ts";

mutantsSuite(rendezvousHashing, mutants, { atLeast: 5 });

const SEEDS = [1, 2, 3, 7, 99];

/** The owner by `pick` over weights of the labels `label` gives each member. */
const byWeight =
  (label: (node: string, position: number) => string, pick: (a: bigint, b: bigint) => boolean) =>
  (members: readonly string[]) =>
  (key: string): string => {
    let best: [string, bigint] | null = null;
    for (const [position, node] of [...members].sort().entries()) {
      const w = hash64(`${label(node, position)}|${key}`);
      if (!best || pick(w, best[1])) best = [node, w];
    }
    return best?.[0] ?? "";
  };

function misplacesOnSteady(
  mutated: (members: readonly string[]) => (key: string) => string,
): boolean[] {
  return SEEDS.map((seed) => {
    const steps = SHARD_PLANS["steady"]?.(seed).workload.memberships ?? [];
    const keys = sampleKeys(seed).slice(0, 200);
    return steps.some(({ members }) =>
      keys.some((k) => rendezvousOwner(members)(k) !== mutated(members)(k)),
    );
  });
}

test("lowest-weight misplaces sampled keys on steady, every seed", () => {
  assert.deepEqual(
    misplacesOnSteady(
      byWeight(
        (n) => n,
        (a, b) => a < b,
      ),
    ),
    SEEDS.map(() => true),
  );
});

test("position-not-id misplaces sampled keys on steady, every seed", () => {
  assert.deepEqual(
    misplacesOnSteady(
      byWeight(
        (_, p) => `node-${p}`,
        (a, b) => a > b,
      ),
    ),
    SEEDS.map(() => true),
  );
});
