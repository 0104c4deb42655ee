// Every mutant applies to the reference and builds (the shared suite);
// and each ring mutant's scenario surely holds a probe key it misplaces, computed over the
// statement's ring with the reference's declared count (mutants.ts argues the rest).
import assert from "node:assert/strict";
import { test } from "vitest";
import { SHARD_PLANS } from "../../../harness/sharded-kv/plans/index.ts";
import { anchorKeys } from "../../../harness/sharded-kv/probes.ts";
import { hash64 } from "../../../harness/sharded-kv/hash.ts";
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { consistentHashing } from "../problem.ts";
import { VNODES } from "../reference/typescript/owner.ts";
import { designedRingKeys, ringOwner, ringPoints } from "../ring.ts";

mutantsSuite(consistentHashing, mutants, { atLeast: 5 });

const SEEDS = [1, 2, 3, 7, 99];
const statement = ringOwner(VNODES);
const memberships = (scenario: string, seed: number) =>
  (SHARD_PLANS[scenario]?.(seed).workload.memberships ?? []).map((m) => m.members);

/** A ring built the way a mutant builds it: labels and indices given. */
function ringOf(
  members: readonly string[],
  label: (node: string, position: number) => string,
  from: number,
) {
  const points: { at: bigint; node: string }[] = [];
  members.forEach((node, position) => {
    for (let i = from; i < VNODES; i++)
      points.push({ at: hash64(`${label(node, position)}#${i}`), node });
  });
  points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node < b.node ? -1 : 1));
  return points;
}

function ownerOn(points: { at: bigint; node: string }[], key: string, wrap: boolean): string {
  const at = hash64(key);
  const i = points.findIndex((p) => p.at >= at);
  if (i >= 0) return (points[i] as { node: string }).node;
  return (wrap ? points[0] : points.at(-1))?.node ?? "";
}

/** Some membership of the scenario has a designed key the mutant's ring misplaces. */
function misplaces(
  scenario: string,
  seed: number,
  build: (members: string[]) => (key: string) => string,
): boolean {
  return memberships(scenario, seed).some((members) => {
    const [want, got] = [statement(members), build(members)];
    return designedRingKeys(members, VNODES).some((k) => want(k) !== got(k));
  });
}

test("no-wrap-around: steady's designed keys past the top are misplaced, every seed", () => {
  for (const seed of SEEDS)
    assert.ok(misplaces("steady", seed, (m) => (k) => ownerOn(ringPoints(m, VNODES), k, false)));
});

test("too-few-vnodes: steady's designed keys at the #0 arcs are misplaced, every seed", () => {
  for (const seed of SEEDS)
    assert.ok(
      misplaces(
        "steady",
        seed,
        (m) => (k) =>
          ownerOn(
            ringOf(m, (n) => n, 1),
            k,
            true,
          ),
      ),
    );
});

test("position-not-id: steady's last membership misplaces designed keys, every seed", () => {
  for (const seed of SEEDS)
    assert.ok(
      misplaces(
        "steady",
        seed,
        (m) => (k) =>
          ownerOn(
            ringOf(m, (_, p) => `node-${p}`, 0),
            k,
            true,
          ),
      ),
    );
});

test("every change of every scenario moves anchors between every pair it can", () => {
  for (const [name, plan] of Object.entries(SHARD_PLANS))
    for (const seed of SEEDS) {
      const steps = plan(seed).workload.memberships;
      const anchors = anchorKeys(steps, statement);
      for (let c = 1; c < steps.length; c++) {
        const [before, after] = [
          statement((steps[c - 1] as { members: string[] }).members),
          statement((steps[c] as { members: string[] }).members),
        ];
        const moves = new Set(
          anchors.filter((k) => before(k) !== after(k)).map((k) => `${before(k)}>${after(k)}`),
        );
        const sizes = [
          (steps[c - 1] as { members: string[] }).members.length,
          (steps[c] as { members: string[] }).members.length,
        ];
        assert.equal(moves.size, Math.max(...sizes) - 1, `${name} seed ${seed} change ${c}`);
      }
    }
});
