// The scenario runner the pipeline's test-runner step calls: looks up the problem's plan,
// runs it on the cluster, judges the run, and writes the evidence and report.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderFailureHtml } from "../shared/check/linearizability/render-html.ts";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { ScenarioRunOptions, ScenarioRunner } from "../shared/ports/scenarios.ts";
import { nowMs } from "./clock.ts";
import { writeEvidence } from "./evidence.ts";
import { raftPlans } from "./raft/index.ts";
import { describeRunTime } from "./raft/linearizability.ts";
import { runRaftPlan } from "./raft/run.ts";
import { judgeRaftRun, runStats } from "./raft/verdict.ts";
import { writeScenarioReport } from "./report-html.ts";

/** The linearizability search's bound for one scenario. */
export const CHECK_TIMEOUT_MS = 30000;

const plansByProblem: Record<string, typeof raftPlans> = { raft: raftPlans };

export class UnknownScenarioError extends Error {
  constructor(
    readonly problem: string,
    readonly scenario: string,
    readonly known: readonly string[],
  ) {
    super(
      `problem ${problem} has no scenario "${scenario}"; its scenarios are ${known.join(", ")}`,
    );
  }
}

export function createScenarioRunner(): ScenarioRunner {
  return {
    names: (problem) => Object.keys(plansByProblem[problem] ?? {}),
    run: runScenario,
  };
}

async function runScenario(opts: ScenarioRunOptions): Promise<ScenarioResult> {
  const plans = plansByProblem[opts.problem] ?? {};
  const makePlan = plans[opts.scenario];
  if (!makePlan) throw new UnknownScenarioError(opts.problem, opts.scenario, Object.keys(plans));
  const plan = makePlan(opts.seed);
  const started = nowMs();
  const run = await runRaftPlan(plan, opts.cluster, (p) => opts.onProgress?.(p));
  opts.onProgress?.({
    scenario: plan.name,
    phase: "checking",
    faults: [],
    opsDone: run.history.length,
    elapsedMs: nowMs() - started,
  });
  const judgement = judgeRaftRun(run, CHECK_TIMEOUT_MS);
  await mkdir(opts.evidenceDir, { recursive: true });
  const evidence = await writeEvidence(opts.evidenceDir, run, opts.cluster);
  const result: ScenarioResult = {
    name: plan.name,
    verdict: judgement.verdict,
    reason: judgement.reason,
    ...(judgement.excerpt ? { excerpt: judgement.excerpt } : {}),
    durationMs: Math.round(nowMs() - started),
    seed: plan.seed,
    stats: runStats(run),
    evidence,
    properties: judgement.properties.map(({ property, status, message }) => ({
      property,
      status,
      message,
    })),
  };
  if (judgement.counterexample) {
    result.evidence.counterexample = join(opts.evidenceDir, "linearizability.html");
    const html = renderFailureHtml(judgement.counterexample, {
      title: `${plan.name}: not linearizable on key ${judgement.counterexample.key}`,
      describeTime: describeRunTime(run.originMs),
    });
    await writeFile(result.evidence.counterexample, html);
  }
  result.evidence.report = await writeScenarioReport(
    opts.evidenceDir,
    result,
    run,
    judgement.properties,
  );
  return result;
}
