// The brute-force oracle for the add-wins set rules: for one element of a tiny history, every
// execution the checker's model allows — which info operations happened, every order of the
// effects consistent with real time (an info operation never completes), and for every
// effect at one node, the first of another node's removes and reads that sees it (or none) —
// run through a textbook observed-remove set. It answers what each mid-run read could show
// and what the converged set could hold.
import type { OrSetOp } from "../../../../shared/check/or-set.ts";
import type { SetElement } from "../../../../shared/check/set-full.ts";

export interface Possible {
  show: boolean;
  lack: boolean;
}

const end = (o: OrSetOp): number => (o.outcome === "ok" ? (o.endMs as number) : Infinity);

function* orders(ops: readonly OrSetOp[]): Generator<OrSetOp[]> {
  if (!ops.length) return yield [];
  for (const first of ops) {
    // first may go first only if nothing completed before it was invoked.
    if (ops.some((o) => o !== first && end(o) < first.startMs)) continue;
    for (const rest of orders(ops.filter((o) => o !== first))) yield [first, ...rest];
  }
}

function* choices(sizes: readonly number[]): Generator<number[]> {
  if (!sizes.length) return yield [];
  for (const rest of choices(sizes.slice(1)))
    for (let k = 0; k < sizes[0]!; k++) yield [k, ...rest];
}

export function orSetOracle(
  ops: readonly OrSetOp[],
  e: SetElement,
): { reads: Map<number, Possible>; final: Possible } {
  const effects = ops.filter((o) => o.outcome !== "fail" && o.element === e && o.f !== "read");
  const reads = ops.filter((o) => o.f === "read" && o.outcome === "ok" && !o.final);
  const nodes = [...new Set(ops.map((o) => o.node))];
  const info = effects.filter((o) => o.outcome === "info");
  const seen = new Map<number, Possible>(reads.map((r) => [r.id, { show: false, lack: false }]));
  const final: Possible = { show: false, lack: false };
  for (let mask = 0; mask < 1 << info.length; mask++) {
    const applied = effects.filter((o) => o.outcome === "ok" || (mask >> info.indexOf(o)) & 1);
    for (const order of orders([...applied, ...reads])) {
      const consulting = (n: string, after: number): number[] =>
        order.flatMap((o, p) => (p > after && o.node === n && o.f !== "add" ? [p] : []));
      // For each (effect, other node): which of that node's later removes and reads first sees it.
      const slots = order.flatMap((o, p) =>
        o.f === "read"
          ? []
          : nodes.filter((n) => n !== o.node).map((n) => ({ p, n, at: consulting(n, p) })),
      );
      for (const pick of choices(slots.map((s) => s.at.length + 1))) {
        const firstSeen = new Map<string, number>();
        slots.forEach((s, k) => firstSeen.set(`${s.p}/${s.n}`, s.at[pick[k]!] ?? Infinity));
        const visible = (p: number, q: number): boolean =>
          p < q &&
          (order[p]!.node === order[q]!.node ||
            (firstSeen.get(`${p}/${order[q]!.node}`) ?? Infinity) <= q);
        const observed = new Map<number, Set<number>>(); // remove position → add positions it saw
        order.forEach((o, q) => {
          const adds = order.flatMap((a, p) => (a.f === "add" && visible(p, q) ? [p] : []));
          if (o.f === "remove") observed.set(q, new Set(adds));
          if (o.f !== "read") return;
          const removers = [...observed].filter(([p]) => visible(p, q));
          const live = adds.some((a) => !removers.some(([, saw]) => saw.has(a)));
          const possible = seen.get(o.id)!;
          possible[live ? "show" : "lack"] = true;
        });
        const liveAtEnd = order.some(
          (a, p) => a.f === "add" && ![...observed.values()].some((saw) => saw.has(p)),
        );
        final[liveAtEnd ? "show" : "lack"] = true;
      }
    }
  }
  return { reads: seen, final };
}
