// A scenario's verdict from its checks (Maelstrom's checker/compose): every check runs, in
// report order; the first violated one is the reason; a required property left
// inconclusive (no evidence, or a search bound hit) makes the verdict unknown, never pass.
import type { LinearizabilityFailure } from "../shared/check/index.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import type { ScenarioStats, Verdict } from "../shared/domain/result.ts";
import type { Operation } from "./operation.ts";
import type { Check, CheckOptions } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

export interface Judgement {
  verdict: Verdict;
  reason: string;
  excerpt?: string[];
  properties: PropertyResult[];
  /** When a history is not linearizable: the failing key's evidence. */
  counterexample?: LinearizabilityFailure;
}

export function judgeRun<Op extends Operation>(
  run: RunRecord<Op>,
  checks: readonly Check<Op>[],
  opts: CheckOptions,
): Judgement {
  const properties = checks.map((c) => c.run(run, opts));
  const counterexample = properties.find((p) => p.counterexample)?.counterexample;
  const failed = properties.find((p) => p.status === "violated");
  if (failed) {
    return {
      verdict: "fail",
      reason: `${failed.property}: ${failed.message}`,
      ...(failed.excerpt ? { excerpt: failed.excerpt } : {}),
      properties,
      ...(counterexample ? { counterexample } : {}),
    };
  }
  const open = properties.find((p, i) => p.status === "inconclusive" && checks[i]?.required);
  if (open) {
    return { verdict: "unknown", reason: `${open.property}: ${open.message}`, properties };
  }
  const dropped = run.messagesDropped ? ` (${run.messagesDropped} messages were not kept)` : "";
  return { verdict: "pass", reason: `every property held${dropped}`, properties };
}

export function runStats(run: RunRecord): ScenarioStats {
  const finished = run.history.filter((op) => op.endMs !== null);
  const latencies = finished.map((op) => (op.endMs as number) - op.startMs).sort((a, b) => a - b);
  const quantile = (q: number): number =>
    latencies.length
      ? Math.round(
          (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number) *
            10,
        ) / 10
      : 0;
  const peer = run.messages.filter((m) => m.from !== "client").length;
  const ok = run.history.filter((op) => op.outcome === "ok").length;
  return {
    ops: run.history.length,
    ok,
    fail: run.history.filter((op) => op.outcome === "fail").length,
    unknown: run.history.filter((op) => op.outcome === "info").length,
    latencyP50Ms: quantile(0.5),
    latencyP99Ms: quantile(0.99),
    rpcsPerOp: ok ? Math.round((peer / ok) * 10) / 10 : 0,
  };
}
