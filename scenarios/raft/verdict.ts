// Every Raft scenario's checkers, in the order their verdicts are reported: protocol safety
// from the traffic, then what the clients saw, then the spec's timing.
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import type { ScenarioStats, Verdict } from "../../shared/domain/result.ts";
import type { PropertyResult } from "../../shared/check/property.ts";
import type { LinearizabilityFailure } from "../../shared/check/index.ts";
import {
  checkOneLeaderPerTerm,
  checkOneVotePerTerm,
} from "../../shared/check/raft/election-safety.ts";
import { checkLogMatching } from "../../shared/check/raft/log-matching.ts";
import { checkHeartbeats } from "../../shared/check/raft/heartbeats.ts";
import type { ClientOp } from "../../shared/check/raft/history.ts";
import { checkRecovered } from "../../shared/check/raft/recovery.ts";
import { checkRedirects } from "../../shared/check/raft/redirects.ts";
import {
  checkAnswersWithin,
  checkLeaderWithin,
  type FaultWindow,
  type LeaderLoss,
} from "../../shared/check/raft/timing.ts";
import { checkRaftLinearizable } from "./linearizability.ts";
import type { TimelineEntry } from "../nemesis.ts";

export interface RunRecord {
  originMs: number;
  endMs: number;
  nodes: string[];
  history: ClientOp[];
  /** The reads of every key after the heal (also part of history). */
  finalReads: ClientOp[];
  finalReadBudgetMs: number;
  messages: MessageRecord[];
  faults: FaultWindow[];
  losses: LeaderLoss[];
  idleWindows: [number, number][];
  /** Messages the agents discarded from their bounded logs. */
  messagesDropped: number;
  timeline: TimelineEntry[];
}

export interface Judgement {
  verdict: Verdict;
  reason: string;
  excerpt?: string[];
  properties: PropertyResult[];
  /** When the history is not linearizable: the failing key's evidence. */
  counterexample?: LinearizabilityFailure;
}

export function judgeRaftRun(run: RunRecord, checkTimeoutMs: number): Judgement {
  const o = run.originMs;
  const linearizability = checkRaftLinearizable(run.history, o, checkTimeoutMs);
  const properties: PropertyResult[] = [
    checkOneLeaderPerTerm(run.messages, o),
    checkOneVotePerTerm(run.messages, o),
    checkLogMatching(run.messages, o, run.messagesDropped),
    linearizability.property,
    checkRedirects(run.history, run.messages, o),
    // Heartbeats before the timing bounds: a flooding leader is the cause, slow answers
    // are what it does to a busy machine.
    checkHeartbeats(run.messages, run.nodes, run.idleWindows, o),
    checkLeaderWithin(run.history, run.losses, run.faults, run.endMs, o),
    checkAnswersWithin(run.history, run.messages, run.faults, o),
    checkRecovered(run.finalReads, run.finalReadBudgetMs, o),
  ];
  const failed = properties.find((p) => p.status === "violated");
  if (failed) {
    return {
      verdict: "fail",
      reason: `${failed.property}: ${failed.message}`,
      ...(failed.excerpt ? { excerpt: failed.excerpt } : {}),
      properties,
      ...(linearizability.failure ? { counterexample: linearizability.failure } : {}),
    };
  }
  if (linearizability.property.status === "inconclusive") {
    return {
      verdict: "unknown",
      reason: `linearizability: ${linearizability.property.message}`,
      properties,
    };
  }
  const dropped = run.messagesDropped
    ? ` (the agents' logs dropped ${run.messagesDropped} old messages)`
    : "";
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
