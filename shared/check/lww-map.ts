// Last-writer-wins map under bounded clock skew. Each write (put or delete) is stamped by
// the node that applies it; the converged value of a key is its write with the greatest
// stamp (ties broken deterministically). The judge assumes: an ok operation took effect at
// the node that answered, between invocation and completion; an info one may take effect
// at its node at any time after invocation, or never; a fail never does; every node's clock
// reads within one band of width `skewMs` at every instant (the agents' skew bound); with
// `hybridClocks`, a node's stamps exceed every stamp it has applied or merged (HLC), and
// it merges a write's stamp no later than it first serves that write in a get.
//
// A write W is dominated (cannot be the converged winner) when some write W' that surely
// took effect was stamped higher in every allowed execution:
// 1. W surely took effect by time T (its ok completion, or the completion of a get that
//    returned its value, values being unique per key) and T + skewMs < W'.start: W's stamp
//    is at most its clock at T, below the band at W'.start (no HLC needed);
// 2. with hybridClocks, W' is at node n and W was at n before W' was invoked: W took effect
//    at n by then, or a get at n that returned W's value completed before W'.start.
// Converged reads (final, after the heal and the recovery wait) of a key must all agree, and
// show a put that is not dominated, or nothing when a delete is not dominated or no write
// surely took effect. A mid-run get may be stale, but it shows a value some put that did
// not fail was invoked to write before the get completed, and it never shows a write (or
// nothing) that a write its node already held dominates: the node's own writes that took
// effect, and writes its earlier gets returned (a node's winner for a key only moves up).
//
// Why a correct implementation never fails: each domination is forced by the clock bound
// (or the HLC rule) in every execution the assumptions allow, and a stale get is such an
// execution. tests/unit/check/lww-map.test.ts checks the candidate winners against a brute
// force over apply times, clock offsets, HLC stamps and merges on tiny histories.
import { holds, inconclusive, secondsSince, violated, type PropertyResult } from "./property.ts";
import type { Outcome } from "../../harness/operation.ts";

export interface LwwOp {
  id: number;
  f: "put" | "delete" | "get";
  key: string;
  /** put: the value written (unique per key); ok get: the value read, undefined if absent. */
  value?: unknown;
  /** The node that answered (ok) or was asked. */
  node: string;
  outcome: Outcome;
  startMs: number;
  endMs: number | null;
  /** A get of every node after the heal and the recovery wait. */
  final?: boolean;
}

export interface LwwOptions {
  /** The widest spread between two nodes' clocks at one instant. */
  skewMs: number;
  /** Stamps from hybrid logical clocks: the causal rule (2) applies. */
  hybridClocks: boolean;
}

const PROPERTY = "last writer wins";

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const isWrite = (o: LwwOp): boolean => o.f === "put" || o.f === "delete";

/** Why `w` cannot be the winner: the write that beats it and how; null if it may win. */
export interface Domination {
  by: LwwOp;
  rule: "skew" | "same node" | "read at node";
  /** rule "read at node": the get through which the node had seen w. */
  via?: LwwOp;
}

export interface KeyHistory {
  writes: LwwOp[];
  gets: LwwOp[];
  /** When each write surely took effect by (Infinity: maybe never). */
  appliedBy: Map<LwwOp, number>;
  /** Ok gets that returned each put's value. */
  readers: Map<LwwOp, LwwOp[]>;
}

export function keyHistory(ops: readonly LwwOp[]): KeyHistory {
  const writes = ops.filter((o) => isWrite(o) && o.outcome !== "fail");
  const gets = ops.filter((o) => o.f === "get" && o.outcome === "ok" && o.endMs !== null);
  const readers = new Map<LwwOp, LwwOp[]>();
  const appliedBy = new Map<LwwOp, number>();
  for (const w of writes) {
    const sameValue = writes.filter((x) => x.f === "put" && same(x.value, w.value));
    const seenBy =
      w.f === "put" && sameValue.length === 1
        ? gets.filter((g) => g.value !== undefined && same(g.value, w.value))
        : [];
    readers.set(w, seenBy);
    const ok = w.outcome === "ok" && w.endMs !== null ? w.endMs : Infinity;
    appliedBy.set(w, Math.min(ok, ...seenBy.map((g) => g.endMs as number)));
  }
  return { writes, gets, appliedBy, readers };
}

export function domination(
  h: KeyHistory,
  w: LwwOp,
  opts: LwwOptions,
  among: readonly LwwOp[] = h.writes,
): Domination | null {
  const doneBy = h.appliedBy.get(w) ?? Infinity;
  for (const by of among) {
    if (by === w || (h.appliedBy.get(by) ?? Infinity) === Infinity) continue;
    if (doneBy + opts.skewMs < by.startMs) return { by, rule: "skew" };
    if (!opts.hybridClocks) continue;
    if (w.node === by.node && doneBy < by.startMs) return { by, rule: "same node" };
    const via = h.readers
      .get(w)
      ?.find((g) => g.node === by.node && (g.endMs as number) < by.startMs);
    if (via) return { by, rule: "read at node", via };
  }
  return null;
}

/** The writes that may be the converged winner of the key. */
export function candidateWinners(h: KeyHistory, opts: LwwOptions): LwwOp[] {
  return h.writes.filter((w) => !domination(h, w, opts));
}

/** Whether the converged key may be absent: a delete may win, or maybe nothing took effect. */
export function mayBeAbsent(h: KeyHistory, opts: LwwOptions): boolean {
  const anyApplied = h.writes.some((w) => (h.appliedBy.get(w) ?? Infinity) < Infinity);
  return !anyApplied || candidateWinners(h, opts).some((w) => w.f === "delete");
}

export function checkLwwMap(
  ops: readonly LwwOp[],
  opts: LwwOptions,
  originMs: number,
): PropertyResult {
  const t = (ms: number | null): string => (ms === null ? "…" : secondsSince(originMs, ms));
  const say = (o: LwwOp): string =>
    `${o.f} ${o.key}${o.value === undefined ? "" : ` ${JSON.stringify(o.value)}`} #${o.id} at ${o.node} ` +
    `[${t(o.startMs)} – ${t(o.endMs)}] ${o.outcome}${o.final ? " (final)" : ""}`;
  const byKey = new Map<string, LwwOp[]>();
  for (const o of ops) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  let finals = 0;
  for (const [key, list] of byKey) {
    const h = keyHistory(list);
    for (const g of h.gets) {
      const bad = judgeGet(h, g, opts, say);
      if (bad) return bad;
    }
    const converged = h.gets.filter((g) => g.final);
    finals += converged.length;
    const [first] = converged;
    const other = converged.find((g) => !same(g.value, first?.value));
    if (first && other)
      return violated(
        PROPERTY,
        `the final reads of ${key} disagree: ${first.node} and ${other.node} did not converge`,
        [say(first), say(other)],
      );
    if (!first) continue;
    const bad = judgeConverged(h, first, opts, say);
    if (bad) return bad;
  }
  if (!finals)
    return inconclusive(PROPERTY, "no final get succeeded: the converged map was not observed");
  return holds(
    PROPERTY,
    `${byKey.size} keys converged to a write that could be the last (skew bound ${opts.skewMs} ms)`,
  );
}

/** The writes node `n` surely held before `atMs`: its own, and those its gets returned. */
export function heldAt(h: KeyHistory, n: string, atMs: number): LwwOp[] {
  return h.writes.filter(
    (w) =>
      (w.node === n && (h.appliedBy.get(w) ?? Infinity) < atMs) ||
      (h.readers.get(w) ?? []).some((g) => g.node === n && (g.endMs as number) < atMs),
  );
}

/**
 * Any get, stale or not: its value was written by a put invoked before it completed, and
 * it outranks nothing its node already held (a node's winner only moves up).
 */
function judgeGet(
  h: KeyHistory,
  g: LwwOp,
  opts: LwwOptions,
  say: (o: LwwOp) => string,
): PropertyResult | null {
  const end = g.endMs as number;
  const shown =
    g.value === undefined
      ? h.writes.filter((w) => w.f === "delete" && w.startMs < end)
      : h.writes.filter((w) => w.f === "put" && same(w.value, g.value) && w.startMs < end);
  if (g.value !== undefined && !shown.length)
    return violated(
      PROPERTY,
      `a get of ${g.key} at ${g.node} returned ${JSON.stringify(g.value)}, which no put invoked before it completed wrote`,
      [say(g)],
    );
  // A final get is judged by the converged rules, which imply this one and say more.
  const held = g.final ? [] : heldAt(h, g.node, g.startMs);
  if (!held.length) return null;
  // A held write too: if another held write surely outranks it, n's winner is past it.
  const beatenBy = (x: LwwOp): Domination | null => domination(h, x, opts, held);
  if (shown.some((x) => !beatenBy(x))) return null;
  const [first] = shown;
  const what = first ? JSON.stringify(g.value) : "nothing";
  const by = first ? (beatenBy(first) as Domination).by : (held[0] as LwwOp);
  return violated(
    PROPERTY,
    `a get of ${g.key} at ${g.node} returned ${what}, which cannot outrank ${say(by)}: ${g.node} already held that write`,
    [...(first ? [say(first)] : []), say(by), say(g)],
  );
}

function judgeConverged(
  h: KeyHistory,
  g: LwwOp,
  opts: LwwOptions,
  say: (o: LwwOp) => string,
): PropertyResult | null {
  if (g.value === undefined) {
    if (mayBeAbsent(h, opts)) return null;
    const winners = candidateWinners(h, opts);
    return violated(
      PROPERTY,
      `${g.key} converged to absent, but no delete of it can be the last write`,
      [...winners.map(say), say(g)],
    );
  }
  // Values are unique per key; if not, any put of the value may be the one that won.
  const puts = h.writes.filter((w) => w.f === "put" && same(w.value, g.value));
  if (!puts.length || puts.some((w) => !domination(h, w, opts))) return null;
  const put = puts[0] as LwwOp;
  const beaten = domination(h, put, opts) as Domination;
  const how =
    beaten.rule === "skew"
      ? `it completed more than the ${opts.skewMs} ms skew bound before ${say(beaten.by)} was invoked`
      : beaten.rule === "same node"
        ? `${beaten.by.node} wrote again after it, and a node's later stamps are higher`
        : `${beaten.by.node} had served it in a get before writing again`;
  return violated(
    PROPERTY,
    `${g.key} converged to ${JSON.stringify(g.value)}, which cannot be the last write: ${how}`,
    [say(put), ...(beaten.via ? [say(beaten.via)] : []), say(beaten.by), say(g)],
  );
}
