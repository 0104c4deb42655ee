// Every Gossip Broadcast scenario's checks, in report order: the final reads first (every
// value at every node is what the problem is), then Jepsen's set-full over every read, then
// the stable latency (bounded in the efficiency scenario), availability under partitions,
// and the cost in messages. statement.md argues each one's soundness.
import { checkAvailability } from "../../harness/availability-check.ts";
import { checkConvergence, type Allowed } from "../../harness/convergence-check.ts";
import { checkEfficiency } from "../../harness/efficiency-check.ts";
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import { holds, inconclusive, violated } from "../../shared/check/property.ts";
import {
  analyseSetFull,
  checkSetFull,
  type SetAdd,
  type SetFullInput,
  type SetElement,
  type SetRead,
} from "../../shared/check/set-full.ts";
import { valueOf, type BroadcastOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY_SCENARIO, efficiencyLimits, STABLE_LATENCY } from "./limits.ts";

/** The node that answered the operation ok: its last ok attempt. */
const okNode = (op: BroadcastOp): string | undefined =>
  [...op.attempts].reverse().find((a) => a.result === "ok")?.node;

/** The run as set-full takes it: broadcasts are adds of their value, reads list values. */
export function setFullInput(
  run: Pick<RunRecord<BroadcastOp>, "history" | "finalReads" | "originMs">,
): SetFullInput {
  const adds: SetAdd[] = run.history
    .filter((op) => op.f === "broadcast" && op.attempts.length > 0)
    .map((op) => ({
      id: op.id,
      element: valueOf(op),
      outcome: op.outcome,
      startMs: op.startMs,
      endMs: op.outcome === "ok" ? op.endMs : null,
      ...(op.outcome === "ok" ? { node: okNode(op) as string } : {}),
    }));
  const reads: SetRead[] = run.history
    .filter((op) => op.f === "read" && op.outcome === "ok" && op.endMs !== null)
    .map((op) => ({
      id: op.id,
      node: okNode(op) as string,
      outcome: op.outcome,
      startMs: op.startMs,
      endMs: op.endMs,
      elements: op.output ?? [],
      final: run.finalReads.includes(op),
    }));
  return { adds, reads, originMs: run.originMs };
}

/**
 * A converged set is allowed when every value in it was broadcast (not refused) before the
 * final reads, and it holds every value surely known before them: an ok broadcast's, or one
 * a mid-run read showed.
 */
export function convergedAllowed(input: SetFullInput, value: unknown): Allowed {
  const shown = new Set<SetElement>(Array.isArray(value) ? (value as number[]) : []);
  const broadcast = new Set(input.adds.filter((a) => a.outcome !== "fail").map((a) => a.element));
  for (const v of shown)
    if (!broadcast.has(v)) return { status: "no", why: `${v} was never broadcast` };
  const ok = input.adds.find((a) => a.outcome === "ok" && !shown.has(a.element));
  if (ok)
    return {
      status: "no",
      why: `${ok.element} is missing, though ${ok.node} acknowledged its broadcast`,
    };
  for (const r of input.reads)
    for (const v of r.elements ?? [])
      if (!r.final && !shown.has(v))
        return {
          status: "no",
          why: `${v} is missing, though a read at ${r.node} showed it mid-run`,
        };
  return { status: "yes" };
}

export function checkFinalReads(run: RunRecord<BroadcastOp>) {
  const input = setFullInput(run);
  const show = (v: unknown) => `${Array.isArray(v) ? v.length : 0} values`;
  return checkConvergence(run, (value) => convergedAllowed(input, value), show);
}

export const checkSetFullOf = (run: RunRecord<BroadcastOp>) => checkSetFull(setFullInput(run));

const LATENCY = "stable latency";

/** Set-full's stable latency quantiles, bounded in the efficiency scenario, reported elsewhere. */
export function checkStableLatency(run: RunRecord<BroadcastOp>) {
  const q = analyseSetFull(setFullInput(run)).stableLatencyMs;
  if (!q) return inconclusive(LATENCY, "no value was seen by every read after some point");
  const ms = (v: number) => `${Math.round(v)} ms`;
  const measured = `p50 ${ms(q["0.5"])}, p95 ${ms(q["0.95"])}, max ${ms(q["1"])} from a broadcast's invocation to the last read that missed it`;
  if (run.scenario !== EFFICIENCY_SCENARIO)
    return holds(LATENCY, `${measured} (bounded only in the ${EFFICIENCY_SCENARIO} scenario)`);
  const { medianMsMax, maxMsMax } = STABLE_LATENCY;
  if (q["0.5"] > medianMsMax)
    return violated(LATENCY, `${measured}: the median is above the limit of ${medianMsMax} ms`);
  if (q["1"] > maxMsMax)
    return violated(LATENCY, `${measured}: the maximum is above the limit of ${maxMsMax} ms`);
  return holds(LATENCY, measured);
}

export const broadcastChecks: readonly Check<BroadcastOp>[] = [
  { name: "convergence", required: true, run: checkFinalReads },
  { name: "set-full", required: true, run: checkSetFullOf },
  { name: "stable latency", required: true, run: checkStableLatency },
  { name: "availability", required: false, run: (run) => checkAvailability(run, AVAILABILITY) },
  {
    name: "efficiency",
    required: true,
    run: (run) => checkEfficiency(run, efficiencyLimits(run.scenario)),
  },
];
