// The scenario runner the pipeline's test-runner step calls: looks the problem up in the
// registry, runs its plan on the cluster with its judge, checks the run, and writes the
// evidence and report.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderFailureHtml } from "../shared/check/linearizability/render-html.ts";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { ScenarioRunOptions, ScenarioRunner } from "../shared/ports/scenarios.ts";
import { REGISTRY } from "../problems/registry.ts";
import { loadJudge } from "../problems/load.ts";
import { describeRunTime, nowMs } from "./clock.ts";
import { guardScenario } from "./guard.ts";
import { keptCheck, soundUnderCaps } from "./capped-checks.ts";
import { limitsCheck } from "./limits-check.ts";
import { readinessCheck } from "./readiness-check.ts";
import { NodeNotReadyError } from "./cluster-reset.ts";
import { messagesPath, writeEvidence, writeNodeLogs } from "./evidence.ts";
import type { ScenarioPlan } from "./plan.ts";
import { writeScenarioReport } from "./report-html.ts";
import { runPlan } from "./run-plan.ts";
import { judgeRun, runStats } from "./verdict.ts";

/** The linearizability search's bound for one scenario. */
export const CHECK_TIMEOUT_MS = 30000;

export class UnknownScenarioError extends Error {
  constructor(
    readonly problem: string,
    readonly scenario: string,
    readonly known: readonly string[],
  ) {
    super(
      known.length
        ? `problem ${problem} has no scenario "${scenario}"; its scenarios are ${known.join(", ")}`
        : `no judged problem "${problem}"; judged problems: ${REGISTRY.map((p) => p.slug).join(", ")}`,
    );
  }
}

export function createScenarioRunner(): ScenarioRunner {
  return {
    names: (problem) => Object.keys(REGISTRY.find((p) => p.slug === problem)?.plans ?? {}),
    run: runScenario,
  };
}

async function runScenario(opts: ScenarioRunOptions): Promise<ScenarioResult> {
  const problem = REGISTRY.find((p) => p.slug === opts.problem);
  const makePlan = problem?.plans[opts.scenario];
  if (!problem || !makePlan)
    throw new UnknownScenarioError(opts.problem, opts.scenario, Object.keys(problem?.plans ?? {}));
  const judge = await loadJudge(problem.slug);
  const plan = makePlan(opts.seed);
  const started = nowMs();
  const guard = guardScenario();
  let run: Awaited<ReturnType<typeof runPlan>>;
  await mkdir(opts.evidenceDir, { recursive: true });
  try {
    run = await runPlan(
      problem,
      judge,
      plan,
      opts.cluster,
      (p) => opts.onProgress?.(p),
      messagesPath(opts.evidenceDir),
    );
  } catch (err) {
    if (err instanceof NodeNotReadyError) return notReady(err, plan, opts, started);
    throw err;
  } finally {
    guard.release();
  }
  opts.onProgress?.({
    scenario: plan.name,
    phase: "checking",
    faults: [],
    opsDone: run.history.length,
    elapsedMs: nowMs() - started,
  });
  const checks = [limitsCheck, readinessCheck, ...judge.checks.map(soundUnderCaps), keptCheck];
  const checked = judgeRun(run, checks, {
    searchTimeoutMs: CHECK_TIMEOUT_MS,
  });
  const stray = guard.errors[0];
  const judgement = stray
    ? {
        ...checked,
        verdict: "error" as const,
        reason: `the judge failed during the scenario, so its checks say nothing: ${stray.message.slice(0, 300)}${guard.errors.length > 1 ? ` (and ${guard.errors.length - 1} more errors)` : ""}`,
        excerpt: guard.errors.map((e) =>
          (e.stack ?? e.message).split("\n").slice(0, 3).join(" | "),
        ),
      }
    : checked;
  const evidence = await writeEvidence(opts.evidenceDir, run, judge, opts.cluster);
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
  result.evidence.report = await writeScenarioReport(opts.evidenceDir, result, opts.problem);
  return result;
}

/** Lines of the node's log a not-ready verdict shows. */
const LOG_TAIL_LINES = 20;

/**
 * A node that does not come up for the scenario is the submission's failure, shown with its
 * log's tail, not a platform fault retried until it becomes one.
 */
async function notReady(
  err: NodeNotReadyError,
  plan: ScenarioPlan,
  opts: ScenarioRunOptions,
  started: number,
): Promise<ScenarioResult> {
  const texts = new Map<string, string>();
  const logs = await writeNodeLogs(opts.evidenceDir, opts.cluster, texts);
  const tail = (texts.get(err.node) ?? "").split("\n").slice(-LOG_TAIL_LINES);
  const result: ScenarioResult = {
    name: plan.name,
    verdict: "fail",
    reason: `node readiness: ${err.message}`,
    excerpt: tail,
    durationMs: Math.round(nowMs() - started),
    seed: plan.seed,
    stats: { ops: 0, ok: 0, fail: 0, unknown: 0, latencyP50Ms: 0, latencyP99Ms: 0, rpcsPerOp: 0 },
    evidence: { logs },
    properties: [{ property: "node readiness", status: "violated", message: err.message }],
  };
  result.evidence.report = await writeScenarioReport(opts.evidenceDir, result, opts.problem);
  return result;
}
