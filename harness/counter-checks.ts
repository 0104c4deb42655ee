// The checks every counter problem runs (G-Counter, PN-Counter), in report order: the final
// reads first (convergence to an acceptable value is what the problem is), then the reads
// mid-run, then availability under partitions, then the cost in messages. The value rules
// are shared/check/counter.ts's; this adapts a run's history to them and words the verdicts.
// `signed`: deltas of either sign, so a node's reads may go down and the bounds read as
// increments and decrements (docs/crdt-checks.md argues them).
import { holds, inconclusive, secondsSince, violated } from "../shared/check/property.ts";
import {
  finalValueAcceptable,
  firstReadViolation,
  type CounterAdd,
  type CounterRead,
  type ReadViolation,
} from "../shared/check/counter.ts";
import { checkAvailability, type AvailabilityLimits } from "./availability-check.ts";
import { checkConvergence } from "./convergence-check.ts";
import { checkEfficiency, type EfficiencyLimits } from "./efficiency-check.ts";
import { describeOperation, type Operation } from "./operation.ts";
import type { Check } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

/** A counter's operation: an add of `value`, or a read that answered `output`. */
export type CounterOp = Operation & { f: "add" | "read"; value?: number; output?: number };

/** The node that answered the operation ok: its last ok attempt. */
const okNode = (op: CounterOp): string | undefined =>
  [...op.attempts].reverse().find((a) => a.result === "ok")?.node;

export function addsOf(history: readonly CounterOp[]): CounterAdd[] {
  return history
    .filter((op) => op.f === "add")
    .map((op) => ({
      delta: op.value ?? 0,
      outcome: op.outcome,
      startMs: op.startMs,
      endMs: op.outcome === "info" ? null : op.endMs,
      ...(op.outcome === "ok" ? { node: okNode(op) as string } : {}),
    }));
}

/** The ok reads, each with the operation it came from. */
function readsOf(history: readonly CounterOp[]): Map<CounterRead, CounterOp> {
  return new Map(
    history
      .filter((op) => op.f === "read" && op.outcome === "ok" && op.endMs !== null)
      .map((op) => [
        {
          node: okNode(op) as string,
          startMs: op.startMs,
          endMs: op.endMs as number,
          value: op.output ?? 0,
        },
        op,
      ]),
  );
}

export function checkFinalReads(run: RunRecord<CounterOp>) {
  const adds = addsOf(run.history.filter((op) => !run.finalReads.includes(op)));
  return checkConvergence(run, (value) => {
    const verdict = finalValueAcceptable(adds, value as number);
    return verdict.status === "yes" ? verdict : { status: verdict.status, why: verdict.why };
  });
}

function explain(v: ReadViolation, originMs: number, signed: boolean): string {
  const at = `${v.read.node} read ${v.read.value} at ${secondsSince(originMs, v.read.startMs)}`;
  const node = v.read.node;
  if (v.kind === "above")
    return signed
      ? `${at}, more than the ${v.bound} it could reach: every increment invoked before the read completed, plus the decrements ${node} itself acknowledged before the read`
      : `${at}, more than the ${v.bound} that every add invoked before the read completed sums to`;
  if (v.kind === "below")
    return signed
      ? `${at}, less than the ${v.bound} it could reach: the increments ${node} itself acknowledged before the read, plus every decrement invoked before the read completed`
      : `${at}, less than the ${v.bound} that the adds ${node} itself acknowledged before the read sum to`;
  return `${at}, less than the ${v.earlier.value} it answered to an earlier read: a node's reads never decrease`;
}

export function checkReadBounds(run: RunRecord<CounterOp>, signed = false) {
  const reads = readsOf(run.history);
  if (reads.size === 0) return inconclusive("read bounds", "no read was answered");
  const found = firstReadViolation(addsOf(run.history), [...reads.keys()], !signed);
  if (!found) {
    const what = signed ? "" : ", none decreasing";
    return holds("read bounds", `all ${reads.size} reads within their bounds${what}`);
  }
  const shown = [found.read, ...(found.kind === "decreased" ? [found.earlier] : [])];
  return violated(
    "read bounds",
    explain(found, run.originMs, signed),
    shown.map((r) => describeOperation(reads.get(r) as CounterOp, run.originMs)),
  );
}

export interface CounterLimits {
  availability: AvailabilityLimits;
  efficiency: EfficiencyLimits;
  /** Deltas of either sign (PN-Counter): reads may go down. */
  signed: boolean;
}

export function counterChecks<Op extends CounterOp>(limits: CounterLimits): Check<Op>[] {
  return [
    { name: "convergence", required: true, run: checkFinalReads },
    { name: "read bounds", required: true, run: (run) => checkReadBounds(run, limits.signed) },
    {
      name: "availability",
      required: false,
      run: (run) => checkAvailability(run, limits.availability),
    },
    { name: "efficiency", required: true, run: (run) => checkEfficiency(run, limits.efficiency) },
  ];
}
