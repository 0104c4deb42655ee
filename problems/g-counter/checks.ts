// Every G-Counter scenario's checks, in report order: the final reads first (convergence to
// an acceptable value is what the problem is), then the reads mid-run, then availability
// under partitions, then the cost in messages. statement.md argues each one's soundness.
import { checkAvailability } from "../../harness/availability-check.ts";
import { checkConvergence } from "../../harness/convergence-check.ts";
import { checkEfficiency } from "../../harness/efficiency-check.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import {
  finalValueAcceptable,
  firstReadViolation,
  type CounterAdd,
  type CounterRead,
  type ReadViolation,
} from "../../shared/check/counter.ts";
import { holds, inconclusive, secondsSince, violated } from "../../shared/check/property.ts";
import type { CounterOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";

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

function explain(v: ReadViolation, originMs: number): string {
  const at = `${v.read.node} read ${v.read.value} at ${secondsSince(originMs, v.read.startMs)}`;
  if (v.kind === "above")
    return `${at}, more than the ${v.bound} that every add invoked before the read completed sums to`;
  if (v.kind === "below")
    return `${at}, less than the ${v.bound} that the adds ${v.read.node} itself acknowledged before the read sum to`;
  return `${at}, less than the ${v.earlier.value} it answered to an earlier read: a node's reads never decrease`;
}

export function checkReadBounds(run: RunRecord<CounterOp>) {
  const reads = readsOf(run.history);
  if (reads.size === 0) return inconclusive("read bounds", "no read was answered");
  const found = firstReadViolation(addsOf(run.history), [...reads.keys()], true);
  if (!found)
    return holds("read bounds", `all ${reads.size} reads within their bounds, none decreasing`);
  const shown = [found.read, ...(found.kind === "decreased" ? [found.earlier] : [])];
  return violated(
    "read bounds",
    explain(found, run.originMs),
    shown.map((r) => describeOperation(reads.get(r) as CounterOp, run.originMs)),
  );
}

export const counterChecks: readonly Check<CounterOp>[] = [
  { name: "convergence", required: true, run: checkFinalReads },
  { name: "read bounds", required: true, run: checkReadBounds },
  { name: "availability", required: false, run: (run) => checkAvailability(run, AVAILABILITY) },
  { name: "efficiency", required: true, run: (run) => checkEfficiency(run, EFFICIENCY) },
];
