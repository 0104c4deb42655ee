// The CRDT checkers take one operation per node that may have applied it. A client may try
// several nodes; every attempt that did not surely fail may have taken effect at its node
// (a timed-out request can still arrive), so each node tried becomes one effect. A node
// deduplicates a retry (same client and sequence): its attempts are one application, which
// may have happened at the first of them. So the node that answered ok holds an ok effect
// from its first attempt that may have applied to that ok answer (not from the ok attempt
// alone: an earlier lost answer may have applied before something the ok attempt follows);
// every other node tried holds an info effect from its first such attempt on.
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
  const ok = op.attempts.find((a) => a.result === "ok");
  const effects = new Map<string, Effect>();
  for (const a of op.attempts) {
    if (a.result !== "ok" && surelyNotApplied(a.result)) continue;
    if (effects.has(a.node)) continue;
    effects.set(
      a.node,
      a.node === ok?.node
        ? { node: a.node, outcome: "ok", startMs: a.startMs, endMs: ok.endMs }
        : { node: a.node, outcome: "info", startMs: a.startMs, endMs: null },
    );
  }
  return [...effects.values()];
}
