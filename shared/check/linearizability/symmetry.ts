// Symmetry reduction for the search: of two interchangeable operations, only one order
// is ever tried.
import type { Operation } from "./types.ts";

/**
 * Symmetry reduction. Two operations with the same input and output have the same effect
 * in every state; if one's interval starts no later and ends no later than the other's
 * (a never-answered one ends at infinity), any linearization that places the later one
 * first stays valid with the two swapped. So the search only tries an operation once its
 * nearest such twin is linearized, and skips the mirror images of every order it tries.
 * Returns, per operation, that twin's index or -1.
 */
export function twinsBefore<I, O>(ops: readonly Operation<I, O>[]): Int32Array {
  const twin = new Int32Array(ops.length).fill(-1);
  const end = (i: number): number => {
    const op = ops[i]!;
    return op.outcome === "info" || op.returnMs === null ? Number.POSITIVE_INFINITY : op.returnMs;
  };
  const groups = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const out = op.output === undefined ? "?" : JSON.stringify(op.output);
    const key = `${JSON.stringify(op.input)}\u0000${out}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  for (const group of groups.values()) {
    group.sort((a, b) => ops[a]!.callMs - ops[b]!.callMs || end(a) - end(b) || a - b);
    group.forEach((c, at) => {
      for (let k = at - 1; k >= 0; k--) {
        if (end(group[k]!) <= end(c)) {
          twin[c] = group[k]!;
          break;
        }
      }
    });
  }
  return twin;
}
