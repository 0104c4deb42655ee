// This test run's share of the judge matrix (ci-plan.ts), from one seed per run: printed,
// and replayable with CLUSTERJUDGE_TEST_SEED.
import { loadMutants } from "../../../problems/load.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { ciSelection } from "./ci-plan.ts";
import { testSeed } from "./run-cli.ts";

export const seed = testSeed();

export const selection = ciSelection(
  await Promise.all(
    REGISTRY.map(async (problem) => ({ problem, mutants: await loadMutants(problem.slug) })),
  ),
  seed,
);

for (const s of selection) {
  const all = Object.keys(s.problem.plans).length;
  console.log(
    `${s.problem.slug}: seed ${seed}, ${s.scenarios.length}/${all} scenarios and ${s.mutants.length} mutants this run, ~${Math.round(s.estimateMs / 1000)} s of ~${Math.round(s.fullMs / 1000)} s for all`,
  );
}
