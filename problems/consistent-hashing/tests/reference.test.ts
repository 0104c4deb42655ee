// The reference node's logic, five of them in-process over the simulated network
// (harness/sharded-kv/simulation.ts): random memberships and faults (crashes, pauses, cut
// links, lossy links), and every non-statistical check holds on each run; three mutants fail.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, test } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import {
  JOIN_AND_LEAVE,
  scheduleArb,
  simFailures,
  type NodeClass,
} from "../../../harness/sharded-kv/simulation-runs.ts";
import { ringChecks } from "../checks.ts";
import { mutants } from "../mutants.ts";
import { VNODES } from "../reference/typescript/owner.ts";
import { ShardNode } from "../reference/typescript/shard-node.ts";
import type { ShardState } from "../reference/typescript/state-file.ts";

const EMPTY: ShardState = { epoch: 0, members: [], items: {}, transfersIn: {} };
const failures = (
  seed: number,
  schedule: typeof JOIN_AND_LEAVE,
  Node: NodeClass<ShardState> = ShardNode,
) => simFailures(seed, schedule, Node, EMPTY, ringChecks, VNODES);

test("a fault-free join then leave: every check holds", async () => {
  assert.deepEqual(await failures(1, JOIN_AND_LEAVE), []);
});

test("random memberships and faults: every check holds", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 1_000_000 }),
      scheduleArb,
      async (seed, schedule) => {
        assert.deepEqual(await failures(seed, schedule), [], JSON.stringify(schedule));
      },
    ),
    { numRuns: 60 },
  );
}, 120_000);

const scratch = mkdtempSync(join(import.meta.dirname, ".mutant-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const name of ["data-not-moved-on-join", "stale-owner-cache", "position-not-id"]) {
  test(`the simulation catches the mutant ${name}`, async () => {
    const mutant = mutants.find((m) => m.name === name);
    assert.ok(mutant);
    const dir = join(scratch, name);
    materializeMutant(mutant, join(import.meta.dirname, "../reference/typescript"), dir);
    const { ShardNode: Mutated } = (await import(join(dir, "shard-node.ts"))) as {
      ShardNode: NodeClass<ShardState>;
    };
    assert.notDeepEqual(await failures(1, JOIN_AND_LEAVE, Mutated), []);
  });
}
