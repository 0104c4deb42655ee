// Every OR-Set scenario's checks, in report order: the final reads first (convergence to a
// set add-wins allows is what the problem is), then every read against what its node may
// and must show, then availability under partitions, then the cost in messages.
// statement.md argues each one's soundness.
import { checkAvailability } from "../../harness/availability-check.ts";
import { checkConvergence, type Allowed } from "../../harness/convergence-check.ts";
import { checkEfficiency } from "../../harness/efficiency-check.ts";
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import {
  checkOrSet,
  opsOf,
  removalsOfEvery,
  survivingAdd,
  type OrSetOp,
} from "../../shared/check/or-set.ts";
import type { SetElement } from "../../shared/check/set-full.ts";
import type { SetOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";

/**
 * The operation as the add-wins checker takes it: one effect at the node it was sent to.
 * A client retries only at the same node, which applies a request id once: the effect of an
 * ok operation may come from any of its attempts, so it lies between the operation's
 * invocation and the ok answer (not the ok attempt's own start: a retry of an add applied
 * before a remove answers ok without a new tag). An operation never sent is left out.
 */
export function effectOf(op: SetOp, final = false): OrSetOp | null {
  const node = op.attempts[0]?.node;
  if (!node) return null;
  return {
    id: op.id,
    f: op.f,
    node,
    ...(op.key === undefined ? {} : { element: op.key }),
    ...(op.f === "read" && op.output ? { elements: op.output } : {}),
    outcome: op.outcome,
    startMs: op.startMs,
    endMs: op.outcome === "ok" ? op.endMs : null,
    ...(final ? { final: true } : {}),
  };
}

function effectsOf(run: Pick<RunRecord<SetOp>, "history" | "finalReads">): OrSetOp[] {
  return run.history.flatMap((op) => effectOf(op, run.finalReads.includes(op)) ?? []);
}

/** Whether a converged set is one add-wins allows, from the operations before the final reads. */
export function convergedAllowed(ops: readonly OrSetOp[], value: unknown): Allowed {
  const shown = new Set<SetElement>(Array.isArray(value) ? (value as string[]) : []);
  const elements = new Set<SetElement>([
    ...shown,
    ...ops.flatMap((o) => (o.element === undefined ? [] : [o.element])),
  ]);
  for (const e of elements) {
    const of = opsOf(ops, e);
    if (shown.has(e) && of.adds.length === 0)
      return { status: "no", why: `${JSON.stringify(e)} was never added` };
    if (!shown.has(e) && survivingAdd(of))
      return {
        status: "no",
        why: `${JSON.stringify(e)} is missing, though an add of it was invoked after every remove of it had completed (add wins)`,
      };
    if (shown.has(e) && removalsOfEvery(of))
      return {
        status: "no",
        why: `${JSON.stringify(e)} is there, though every add of it was removed at its own node after it completed`,
      };
  }
  return { status: "yes" };
}

export function checkFinalReads(run: RunRecord<SetOp>) {
  const ops = effectsOf({ history: run.history, finalReads: [] }).filter(
    (o) => !run.finalReads.some((f) => f.id === o.id),
  );
  return checkConvergence(run, (value) => convergedAllowed(ops, value));
}

export function checkAddWins(run: RunRecord<SetOp>) {
  return checkOrSet({ ops: effectsOf(run), originMs: run.originMs });
}

export const setChecks: readonly Check<SetOp>[] = [
  { name: "convergence", required: true, run: checkFinalReads },
  { name: "add-wins set", required: true, run: checkAddWins },
  { name: "availability", required: false, run: (run) => checkAvailability(run, AVAILABILITY) },
  { name: "efficiency", required: true, run: (run) => checkEfficiency(run, EFFICIENCY) },
];
