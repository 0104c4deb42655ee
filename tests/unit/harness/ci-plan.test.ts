// What CI judges per problem: everything while it fits, a fair seeded rotation once it
// does not (tests/integration/judge/ci-plan.ts).
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Mutant } from "../../../harness/mutants.ts";
import { raft } from "../../../problems/raft/problem.ts";
import { mutants } from "../../../problems/raft/mutants.ts";
import {
  CI_JUDGE_BUDGET_MS,
  CI_MUTANT_PROBLEM_SHARE,
  ciSelection,
} from "../../integration/judge/ci-plan.ts";

const scenarios = Object.keys(raft.plans);

test("with one problem, CI judges every scenario and every mutant", () => {
  const [only] = ciSelection([{ problem: raft, mutants }], 1);
  assert.deepEqual(only?.scenarios, scenarios);
  assert.deepEqual(only?.mutants, mutants);
  assert.ok((only?.fullMs ?? 0) <= CI_JUDGE_BUDGET_MS);
});

test("with nineteen problems, each gets its share and a scenario; a third, a mutant", () => {
  const many = Array.from({ length: 19 }, (_, i) => ({
    problem: { ...raft, slug: `p${i}` },
    mutants: mutants as readonly Mutant[],
  }));
  const share = CI_JUDGE_BUDGET_MS / 19;
  const picked = ciSelection(many, 7);
  let total = 0;
  for (const s of picked) {
    assert.ok(s.scenarios.length >= 1, s.problem.slug);
    assert.ok(s.scenarios.length < scenarios.length, "a rotation, not everything");
    total += s.estimateMs;
  }
  const withMutants = picked.filter((s) => s.mutants.length >= 1);
  assert.equal(withMutants.length, Math.ceil(19 * CI_MUTANT_PROBLEM_SHARE));
  // Only the minimum of one of each may go beyond a share.
  assert.ok(total <= CI_JUDGE_BUDGET_MS + 19 * share, `${total} ms`);
  // Another seed, another third: within a few runs every problem has had its mutants judged.
  const judged = new Set<string>();
  for (let seed = 1; seed <= 12; seed++) {
    for (const s of ciSelection(many, seed)) if (s.mutants.length) judged.add(s.problem.slug);
  }
  assert.equal(judged.size, 19);
});

test("the same seed picks the same; a few seeds cover every scenario and mutant", () => {
  const many = Array.from({ length: 19 }, (_, i) => ({
    problem: { ...raft, slug: `p${i}` },
    mutants: mutants as readonly Mutant[],
  }));
  assert.deepEqual(ciSelection(many, 5), ciSelection(many, 5));
  const seenScenarios = new Set<string>();
  const seenMutants = new Set<string>();
  for (let seed = 1; seed <= 80; seed++) {
    const [first] = ciSelection(many, seed);
    first?.scenarios.forEach((s) => seenScenarios.add(s));
    first?.mutants.forEach((m) => seenMutants.add(m.name));
  }
  assert.equal(seenScenarios.size, scenarios.length);
  assert.equal(seenMutants.size, mutants.length);
});
