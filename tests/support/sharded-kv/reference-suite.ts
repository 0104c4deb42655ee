// The in-process tests both problems run on their reference node (problems/<slug>/tests/
// reference.test.ts), over the simulation: a fault-free join and leave, random memberships
// and faults (every non-statistical check holds on each), and named mutants the simulation
// must catch (so the simulation itself can fail). One suite, so both are held to the same bar.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, test } from "vitest";
import { materializeMutant, type Mutant } from "../../../harness/mutants.ts";
import type { Check } from "../../../harness/problem.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import { JOIN_AND_LEAVE, scheduleArb, simFailures, type NodeClass } from "./simulation-runs.ts";
import type { SimSchedule } from "./simulation.ts";

export interface ReferenceSuite<State> {
  Node: NodeClass<State>;
  /** The state of a node with an empty DATA_DIR. */
  empty: State;
  checks: readonly Check<ShardOp>[];
  declaredVnodes?: number;
  /** The reference folder, and the mutants (by name) the simulation must catch. */
  referenceDir: string;
  mutants: readonly Mutant[];
  caught: readonly string[];
}

export function referenceSuite<State>(suite: ReferenceSuite<State>): void {
  const failures = (seed: number, schedule: SimSchedule, Node = suite.Node) =>
    simFailures(seed, schedule, Node, suite.empty, suite.checks, suite.declaredVnodes);

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
      { numRuns: 150 },
    );
  }, 120_000);

  const scratch = mkdtempSync(join(suite.referenceDir, "..", ".mutant-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  for (const name of suite.caught)
    test(`the simulation catches the mutant ${name}`, async () => {
      const mutant = suite.mutants.find((m) => m.name === name);
      assert.ok(mutant, name);
      const dir = join(scratch, name);
      materializeMutant(mutant, suite.referenceDir, dir);
      const module = (await import(join(dir, "shard-node.ts"))) as { ShardNode: NodeClass<State> };
      assert.notDeepEqual(await failures(1, JOIN_AND_LEAVE, module.ShardNode), []);
    });
}
