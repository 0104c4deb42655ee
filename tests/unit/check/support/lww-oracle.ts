// The brute-force oracle for last-writer-wins on one key of a tiny history: every execution
// the checker's model allows — which info writes happened, each operation's instant on an
// even grid inside its interval (an info write: up to a horizon past every completion), each
// node's clock offset in [0, skew] on the same grid, and with hybrid clocks, at each write,
// which earlier write's stamp the node merged by gossip (or none) — stamped by a textbook
// hybrid logical clock (or the physical clock), with a get at node n merging the stamp of
// the write whose value it returned. It answers which writes can end as the winner and
// whether the key can end absent.
import type { LwwOp } from "../../../../shared/check/lww-map.ts";

type Stamp = [l: number, c: number, node: number, id: number];
const later = (a: Stamp, b: Stamp): boolean => {
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return (a[k] as number) > (b[k] as number);
  return false;
};

function* product<T>(lists: readonly T[][]): Generator<T[]> {
  if (!lists.length) return yield [];
  for (const rest of product(lists.slice(1))) for (const x of lists[0]!) yield [x, ...rest];
}

const grid = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += 2) out.push(t);
  return out;
};

/** How many executions lwwOracle would try at most: tests skip histories above a budget. */
export function lwwOracleSize(ops: readonly LwwOp[], skewMs: number, hybrid: boolean): number {
  const horizon = Math.max(...ops.map((o) => o.endMs ?? o.startMs)) + 4;
  const events = ops.filter((o) => o.outcome !== "fail" && !o.final);
  let size = 1;
  events.forEach((o, k) => {
    size *= grid(o.startMs, o.outcome === "ok" ? (o.endMs as number) : horizon).length;
    size *= skewMs > 0 ? 3 : 1;
    size *= hybrid ? k + 1 : 1;
    size *= o.outcome === "info" ? 2 : 1;
  });
  return size;
}

export function lwwOracle(
  ops: readonly LwwOp[],
  nodes: readonly string[],
  skewMs: number,
  hybrid: boolean,
): { winners: Set<number>; absent: boolean } {
  const writes = ops.filter((o) => (o.f === "put" || o.f === "delete") && o.outcome !== "fail");
  const gets = ops.filter((o) => o.f === "get" && o.outcome === "ok" && !o.final);
  const horizon = Math.max(...ops.map((o) => o.endMs ?? o.startMs)) + 4;
  const info = writes.filter((w) => w.outcome === "info");
  const winners = new Set<number>();
  let absent = false;
  for (let mask = 0; mask < 1 << info.length; mask++) {
    const applied = writes.filter((w) => w.outcome === "ok" || (mask >> info.indexOf(w)) & 1);
    const events = [...applied, ...gets];
    const instants = events.map((o) =>
      grid(o.startMs, o.outcome === "ok" ? (o.endMs as number) : horizon),
    );
    for (const at of product(instants)) {
      const order = events
        .map((o, k) => ({ o, at: at[k] as number }))
        .sort((a, b) => a.at - b.at || a.o.id - b.o.id);
      const gossip = order.map(({ o, at: t }) =>
        hybrid && o.f !== "get"
          ? [null, ...order.filter((x) => x.o.f !== "get" && x.at < t).map((x) => x.o)]
          : [null],
      );
      for (const offset of product(order.map(() => [...new Set([0, skewMs / 2, skewMs])])))
        for (const merged of product(gossip)) {
          const result = run(order, merged, offset, nodes, hybrid);
          if (result === undefined) continue;
          if (result === null) absent = true;
          else {
            winners.add(result.id);
            if (result.f === "delete") absent = true;
          }
        }
    }
  }
  return { winners, absent };
}

/** The winner of one execution; null: nothing applied; undefined: the gets cannot be explained. */
function run(
  order: readonly { o: LwwOp; at: number }[],
  merged: readonly (LwwOp | null)[],
  offset: readonly number[],
  nodes: readonly string[],
  hybrid: boolean,
): LwwOp | null | undefined {
  const clock = nodes.map((): [number, number] => [-Infinity, 0]);
  const stamps = new Map<LwwOp, Stamp>();
  const merge = (n: number, s: Stamp | undefined, pt: number): void => {
    const [l, c] = clock[n]!;
    const top = Math.max(l, s?.[0] ?? -Infinity, pt);
    const next =
      top === l && s && top === s[0]
        ? Math.max(c, s[1]) + 1
        : top === l
          ? c + 1
          : s && top === s[0]
            ? s[1] + 1
            : 0;
    clock[n] = [top, next];
  };
  for (let k = 0; k < order.length; k++) {
    const { o, at } = order[k]!;
    const n = nodes.indexOf(o.node);
    const pt = at + offset[k]!;
    if (o.f === "get") {
      if (o.value === undefined) continue;
      const w = [...stamps.keys()].find((x) => x.f === "put" && x.value === o.value);
      const earlier = w && order.some((x) => x.o === w && x.at < at);
      if (!earlier) return undefined;
      if (hybrid) merge(n, stamps.get(w), pt);
      continue;
    }
    if (!hybrid) {
      stamps.set(o, [pt, 0, n, o.id]);
      continue;
    }
    const gossip = merged[k];
    if (gossip) merge(n, stamps.get(gossip), pt);
    merge(n, undefined, pt);
    stamps.set(o, [...clock[n]!, n, 0]);
  }
  let best: [LwwOp, Stamp] | null = null;
  for (const [w, s] of stamps) if (!best || later(s, best[1])) best = [w, s];
  return best ? best[0] : null;
}
