// The CRDT checkers take one operation per node that may have applied it. A client may try
// several nodes; every attempt that did not surely fail may have taken effect at its node
// (a timed-out request can still arrive), so each becomes its own effect: the attempt that
// answered ok is ok within its own interval, the others are info from their invocation on.
// Which non-ok answers prove "not applied" is the problem's word (a rejection before any
// state changed), so the caller says.
import type { Operation } from "../../harness/operation.ts";

export interface Effect {
  node: string;
  outcome: "ok" | "info";
  startMs: number;
  /** null for info: it may take effect at any time after startMs. */
  endMs: number | null;
}

export function possibleEffects(
  op: Pick<Operation, "outcome" | "attempts">,
  surelyNotApplied: (result: string) => boolean,
): Effect[] {
  if (op.outcome === "fail") return [];
  return op.attempts.flatMap((a): Effect[] => {
    if (a.result === "ok")
      return [{ node: a.node, outcome: "ok", startMs: a.startMs, endMs: a.endMs }];
    if (surelyNotApplied(a.result)) return [];
    return [{ node: a.node, outcome: "info", startMs: a.startMs, endMs: null }];
  });
}
