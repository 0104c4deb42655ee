// Each mutant of mutex-node.ts on the simulated network, under the conditions of the scenario
// named to catch it, on many seeds: the named check catches it on every one. This is the
// in-process half of the 5-of-5 argument in mutants.ts (the lead's bench runs the other).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { applyMutantEdits } from "../../../harness/mutants.ts";
import { mutexChecks } from "../checks.ts";
import { mutants } from "../mutants.ts";
import type { MutexNode } from "../reference/typescript/mutex-node.ts";
import { contentionLike, pausedLike, simulate, steadyLike } from "./simulation.ts";

const reference = fileURLToPath(new URL("../reference/typescript/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ricart-agrawala-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function mutantNode(name: string): Promise<typeof MutexNode> {
  const mutant = mutants.find((m) => m.name === name);
  assert.ok(mutant, name);
  const dir = join(work, name);
  cpSync(reference, dir, { recursive: true });
  applyMutantEdits(dir, mutant);
  const module = (await import(join(dir, "mutex-node.ts"))) as { MutexNode: typeof MutexNode };
  return module.MutexNode;
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);

for (const mutant of mutants) {
  test(`${mutant.name}: caught on every simulated ${mutant.expectScenario} run`, async () => {
    const Node = await mutantNode(mutant.name);
    const conditions = { steady: steadyLike, contention: contentionLike, paused_node: pausedLike }[
      mutant.expectScenario
    ];
    assert.ok(conditions, mutant.expectScenario);
    for (const seed of SEEDS) {
      const { run, ungranted } = await simulate({ ...conditions, seed, Node });
      const results = mutexChecks.map((c) => c.run(run, { searchTimeoutMs: 1000 }));
      const failed = results.find((r) => r.status === "violated");
      // A deadlock in the simulation is one the judge's clients wait out: liveness.
      const reason = failed
        ? `${failed.property}: ${failed.message}`
        : ungranted > 0
          ? `liveness: ${ungranted} acquires never granted`
          : "";
      assert.match(reason, new RegExp(mutant.expectReason), `seed ${seed}`);
    }
  }, 60_000);
}
