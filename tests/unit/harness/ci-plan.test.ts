// What CI judges per problem: everything while it fits, a fair seeded rotation once it
// does not (tests/integration/judge/ci-plan.ts).
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Mutant } from "../../../harness/mutants.ts";
import { raft } from "../../../problems/raft/problem.ts";
import { mutants } from "../../../problems/raft/mutants.ts";
import { CI_JUDGE_BUDGET_MS, ciSelection } from "../../integration/judge/ci-plan.ts";

const scenarios = Object.keys(raft.plans);

test("with one problem, CI judges every scenario and every mutant", () => {
  const [only] = ciSelection([{ problem: raft, mutants }], 1);
  assert.deepEqual(only?.scenarios, scenarios);
  assert.deepEqual(only?.mutants, mutants);
  assert.ok((only?.fullMs ?? 0) <= CI_JUDGE_BUDGET_MS);
});

test("with nineteen problems, each gets its share, at least one scenario and one mutant", () => {
  const many = Array.from({ length: 19 }, (_, i) => ({
    problem: { ...raft, slug: `p${i}` },
    mutants: mutants as readonly Mutant[],
  }));
  const share = CI_JUDGE_BUDGET_MS / 19;
  const picked = ciSelection(many, 7);
  let total = 0;
  for (const s of picked) {
    assert.ok(s.scenarios.length >= 1 && s.mutants.length >= 1, s.problem.slug);
    assert.ok(s.scenarios.length < scenarios.length, "a rotation, not everything");
    total += s.estimateMs;
  }
  // Only the minimum of one of each may go beyond a share.
  assert.ok(total <= CI_JUDGE_BUDGET_MS + 19 * share, `${total} ms`);
});

test("the same seed picks the same; a few seeds cover every scenario and mutant", () => {
  const many = Array.from({ length: 19 }, (_, i) => ({
    problem: { ...raft, slug: `p${i}` },
    mutants: mutants as readonly Mutant[],
  }));
  assert.deepEqual(ciSelection(many, 5), ciSelection(many, 5));
  const seenScenarios = new Set<string>();
  const seenMutants = new Set<string>();
  for (let seed = 1; seed <= 40; seed++) {
    const [first] = ciSelection(many, seed);
    first?.scenarios.forEach((s) => seenScenarios.add(s));
    first?.mutants.forEach((m) => seenMutants.add(m.name));
  }
  assert.equal(seenScenarios.size, scenarios.length);
  assert.equal(seenMutants.size, mutants.length);
});
