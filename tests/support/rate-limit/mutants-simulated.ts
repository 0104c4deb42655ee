// The in-process twin of a rate limiter's mutant bench: the reference (from its folder) and
// each mutant (applied to a copy), driven over the simulated network (simulation.ts) in the
// shape of each scenario: the reference violates nothing in any shape, each mutant violates
// its named check in its scenario's shape, on every seed. The plans' "by design" arguments
// (mutants.ts) played out in process, for a reference whose node.ts exports a class built
// as `new Node(id, nodes, new Limiter(), peers, now)` beside limiter.ts's `Limiter`.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import type { Check } from "../../../harness/problem.ts";
import { materializeMutant, type Mutant } from "../../../harness/mutants.ts";
import type { AllowOp } from "../../../harness/rate-limit/index.ts";
import { referenceDirOf } from "../../../problems/paths.ts";
import {
  simulatedViolations,
  type SimNodeFactory,
  type SimPeers,
  type SimSpec,
} from "./simulation.ts";

export interface SimulatedMutantsOptions<Limit> {
  slug: string;
  /** The class node.ts exports. */
  nodeClass: string;
  configureRequest(limit: Limit, elapsedMs: number): object;
  checks: readonly Check<AllowOp>[];
  mutants: readonly Mutant[];
  /** Each scenario's shape in the simulation, by scenario name. */
  shapes: Record<string, Omit<SimSpec<Limit>, "seed">>;
  seeds?: readonly number[];
}

type NodeClass = new (
  id: string,
  nodes: readonly string[],
  limiter: unknown,
  peers: SimPeers,
  now: () => number,
) => ReturnType<SimNodeFactory>;

/** The node factory of the reference's logic in `dir` (the reference's or a mutant's). */
async function nodesOf(dir: string, nodeClass: string): Promise<SimNodeFactory> {
  const { Limiter } = (await import(join(dir, "limiter.ts"))) as { Limiter: new () => unknown };
  const Node = ((await import(join(dir, "node.ts"))) as Record<string, NodeClass>)[nodeClass];
  assert.ok(Node, `${dir}/node.ts exports ${nodeClass}`);
  return (id, nodes, peers, now) => new Node(id, nodes, new Limiter(), peers, now);
}

export function simulatedMutantsSuite<Limit>(opts: SimulatedMutantsOptions<Limit>): void {
  const work = mkdtempSync(join(tmpdir(), `${opts.slug}-mutants-sim-`));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const seeds = opts.seeds ?? [1, 2, 3];
  const reference = referenceDirOf(opts.slug, "typescript");
  const violations = (node: SimNodeFactory, spec: SimSpec<Limit>) =>
    simulatedViolations(
      { slug: opts.slug, node, configureRequest: opts.configureRequest },
      spec,
      opts.checks,
    );

  test("the reference passes every shape", async () => {
    const node = await nodesOf(reference, opts.nodeClass);
    for (const [name, shape] of Object.entries(opts.shapes))
      for (const seed of seeds)
        assert.deepEqual(await violations(node, { ...shape, seed }), [], `${name} seed ${seed}`);
  });

  for (const mutant of opts.mutants)
    test(`${mutant.name} fails ${mutant.expectScenario}'s shape in simulation`, async () => {
      const dir = join(work, mutant.name);
      materializeMutant(mutant, reference, dir);
      const node = await nodesOf(dir, opts.nodeClass);
      const shape = opts.shapes[mutant.expectScenario];
      assert.ok(shape, mutant.expectScenario);
      for (const seed of seeds) {
        const reasons = await violations(node, { ...shape, seed });
        assert.ok(
          reasons.some((r) => new RegExp(mutant.expectReason).test(r)),
          `seed ${seed}: ${reasons.join("; ") || "no check violated"}`,
        );
      }
    });
}
