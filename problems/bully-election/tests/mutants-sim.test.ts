// Each mutant's bug over the simulated cluster (sim.ts) on its named scenario: the verdict
// fails on every seed tried, for the reason the mutant names. The edits are applied to a
// copy of the reference and its logic imported from there; the one bug that lives in the
// gRPC handlers (service.ts) is played by a wrapper with the same behaviour.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import { judgeRun } from "../../../harness/verdict.ts";
import { bullyChecks } from "../checks.ts";
import { mutants } from "../mutants.ts";
import { bullyElection } from "../problem.ts";
import { BullyNode } from "../reference/typescript/bully-node.ts";
import { simulate, type NodeFactory } from "./sim.ts";

const referenceDir = fileURLToPath(new URL("../reference/typescript", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "bully-mutants-sim-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SEEDS = Array.from({ length: 8 }, (_, i) => i + 1);

/** The service.ts bugs, as the node logic's behaviour. */
const glue: Record<string, NodeFactory> = {
  "silent-to-lower": (id, peers, transport, timers) =>
    Object.assign(new BullyNode(id, peers, transport, timers), {
      answersElection: (sender: number) => sender > id,
    }),
};

async function factoryOf(name: string): Promise<NodeFactory> {
  const mutant = mutants.find((m) => m.name === name);
  assert.ok(mutant);
  const wrapped = glue[name];
  if (wrapped) return wrapped;
  const dir = join(work, name);
  materializeMutant(mutant, referenceDir, dir);
  const mod = (await import(join(dir, "bully-node.ts"))) as { BullyNode: typeof BullyNode };
  return (id, peers, transport, timers) => new mod.BullyNode(id, peers, transport, timers);
}

for (const mutant of mutants) {
  test(`${mutant.name} fails ${mutant.expectScenario} on every seed, as "${mutant.expectReason}"`, async () => {
    const factory = await factoryOf(mutant.name);
    const plan = bullyElection.plans[mutant.expectScenario];
    assert.ok(plan);
    for (const seed of SEEDS) {
      const run = simulate(plan(seed), factory, seed);
      const verdict = judgeRun(run, bullyChecks, { searchTimeoutMs: 1000 });
      assert.equal(verdict.verdict, "fail", `seed ${seed}: ${verdict.reason}`);
      assert.match(verdict.reason, new RegExp(mutant.expectReason), `seed ${seed}`);
    }
  });
}
