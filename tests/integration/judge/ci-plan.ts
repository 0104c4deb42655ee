// What CI judges per problem (docs/adding-a-problem.md, "What CI runs"): everything while
// it fits the budget; when problems multiply, each gets an equal share and a seeded rotation
// of its scenarios and mutants fills it, at least one scenario each, and the mutants of a
// rotating third of the problems, so every scenario and mutant is judged across a few runs
// while `npm run bench -- soak|mutants` runs the full matrix.
import type { Mutant } from "../../../harness/mutants.ts";
import type { ProblemDefinition } from "../../../harness/problem.ts";
import { seededRandom } from "../../../harness/random.ts";

/** CI's time for judging problems end to end; the rest of the suite has the other half. */
export const CI_JUDGE_BUDGET_MS = 24 * 60_000;
/**
 * Once not everything fits: the share of problems whose mutants a run judges, a seeded
 * rotation (every problem's within a few runs). Each mutant is a deployment of its own, and
 * with nineteen problems one apiece came to six minutes of CI; every mutant still applies and
 * builds in each problem's unit tests, and `npm run bench -- mutants` judges them all.
 */
export const CI_MUTANT_PROBLEM_SHARE = 1 / 3;
/** Beyond its workload and recovery: reset, final reads, checks, evidence (measured ~6 s). */
const SCENARIO_OVERHEAD_MS = 8_000;
/** A mutant's own build and deploy before its scenario (measured ~10 s for Raft). */
const DEPLOY_MS = 15_000;

export interface CiSelection {
  problem: ProblemDefinition;
  /** The reference's scenarios to judge, in the problem's order. */
  scenarios: string[];
  mutants: Mutant[];
  /** What the selection is expected to take, and all of it would take. */
  estimateMs: number;
  fullMs: number;
}

export function scenarioEstimateMs(problem: ProblemDefinition, scenario: string): number {
  const plan = problem.plans[scenario]?.(1);
  if (!plan) throw new Error(`${problem.slug} has no scenario ${scenario}`);
  const lastFault = Math.max(0, ...plan.faults.map((f) => f.atMs));
  return Math.max(plan.workloadMs, lastFault) + plan.recoveryMs + SCENARIO_OVERHEAD_MS;
}

/** A mutant's own deployment and its named scenario. */
function mutantEstimateMs(problem: ProblemDefinition, mutant: Mutant): number {
  return DEPLOY_MS + scenarioEstimateMs(problem, mutant.expectScenario);
}

export function ciSelection(
  problems: readonly { problem: ProblemDefinition; mutants: readonly Mutant[] }[],
  seed: number,
  budgetMs = CI_JUDGE_BUDGET_MS,
): CiSelection[] {
  const share = budgetMs / Math.max(1, problems.length);
  const selected = problems.map(({ problem, mutants }) => {
    const random = seededRandom(seed).fork(problem.slug);
    const names = Object.keys(problem.plans);
    const cost = (s: string) => scenarioEstimateMs(problem, s);
    const mutantCost = (m: Mutant) => mutantEstimateMs(problem, m);
    const fullMs =
      DEPLOY_MS +
      names.reduce((t, s) => t + cost(s), 0) +
      mutants.reduce((t, m) => t + mutantCost(m), 0);
    const scenarioQueue = rotate(names, random.int(0, names.length - 1));
    const mutantQueue = rotate([...mutants], random.int(0, Math.max(0, mutants.length - 1)));
    const scenarios: string[] = [];
    const chosen: Mutant[] = [];
    let spent = DEPLOY_MS;
    // One of each whatever the share, then alternate while the share lasts.
    for (let turn = 0; scenarioQueue.length || mutantQueue.length; turn++) {
      const takeScenario = scenarioQueue.length && (turn % 2 === 0 || !mutantQueue.length);
      const ms = takeScenario
        ? cost(scenarioQueue[0] as string)
        : mutantCost(mutantQueue[0] as Mutant);
      const first = takeScenario ? scenarios.length === 0 : chosen.length === 0;
      if (!first && spent + ms > share) break;
      spent += ms;
      if (takeScenario) scenarios.push(scenarioQueue.shift() as string);
      else chosen.push(mutantQueue.shift() as Mutant);
    }
    return {
      problem,
      scenarios: names.filter((n) => scenarios.includes(n)),
      mutants: mutants.filter((m) => chosen.includes(m)),
      estimateMs: spent,
      fullMs,
    };
  });
  if (selected.reduce((t, s) => t + s.fullMs, 0) <= budgetMs) return selected;
  // Too much for the budget: only a rotating share of the problems has its mutants judged.
  const random = seededRandom(seed).fork("mutant problems");
  const order = rotate(
    selected.map((s) => s.problem.slug),
    random.int(0, Math.max(0, selected.length - 1)),
  );
  const keep = new Set(order.slice(0, Math.ceil(selected.length * CI_MUTANT_PROBLEM_SHARE)));
  return selected.map((s) =>
    keep.has(s.problem.slug)
      ? s
      : {
          ...s,
          mutants: [],
          estimateMs:
            s.estimateMs - s.mutants.reduce((t, m) => t + mutantEstimateMs(s.problem, m), 0),
        },
  );
}

function rotate<T>(items: T[], by: number): T[] {
  return [...items.slice(by), ...items.slice(0, by)];
}
