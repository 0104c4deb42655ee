// Add-wins observed-remove set. An add creates a fresh tag; a remove deletes the tags of
// its element that its node has seen when it applies; a read shows the elements with a live
// tag it has seen. The judge knows only intervals and which node answered, so it assumes
// the least: an ok operation took effect at the node that answered ok, once, between its
// invocation and completion, and that node's later operations see it (the problem's
// contract must say so, and that the effect survives the node's restart); an info
// operation may take effect at its node at any time after its invocation, or never; a fail
// never does. Another node may see an effect at any time after it, or not before the heal.
// An operation retried at several nodes is given as one operation per attempt that may
// have taken effect (ok for the one that answered, info for the others).
//
// For an element e, with end(R) = ∞ for an info remove:
// - converged (final reads, after the heal and the recovery wait): e must be present if
//   some ok add A of e was invoked after every remove of e that did not fail had
//   completed ok (no remove can have seen A's tag); e must be absent if every add of e
//   that did not fail completed ok at a node n, and an ok remove of e was invoked at n
//   after that (n saw the tag before it removed); otherwise either;
// - a read at node n may show e only if some add A of e that did not fail was invoked
//   before the read completed, and A is not removed at n before the read began (A ok at n,
//   and an ok remove of e at n invoked after A completed and completed before the read);
// - a read at n must show e if at every instant t of the read some ok add A of e at n had
//   completed before t, and no remove of e that did not fail was invoked before t with
//   end(R) after A's invocation (none can have seen A's tag by t).
// "Came later" is real time only: invoked after the other completed; an info operation is
// never "completed", so an info remove always may have seen an add, and an info add always
// may come after every remove.
//
// Why a correct implementation never fails: each rule names tags that every execution
// allowed by the assumptions above must keep or must have removed; a stale read (a node
// cut off from others' adds and removes) is an allowed execution, so it never breaks one.
// The rules are exact for that model: tests/unit/check/or-set.test.ts compares them on
// tiny histories with every order and visibility the model allows.
import { holds, inconclusive, secondsSince, violated, type PropertyResult } from "./property.ts";
import type { Outcome } from "../../harness/operation.ts";
import type { SetElement } from "./set-full.ts";

export interface OrSetOp {
  id: number;
  f: "add" | "remove" | "read";
  /** The node that answered (ok) or was asked. */
  node: string;
  /** add and remove. */
  element?: SetElement;
  /** What an ok read returned. */
  elements?: readonly SetElement[];
  outcome: Outcome;
  startMs: number;
  endMs: number | null;
  /** A read of every node after the heal and the recovery wait. */
  final?: boolean;
}

export interface OrSetInput {
  ops: readonly OrSetOp[];
  originMs: number;
}

const PROPERTY = "add-wins set";

/** When an operation surely had taken effect by: its completion if ok, never otherwise. */
const doneBy = (op: OrSetOp): number =>
  op.outcome === "ok" && op.endMs !== null ? op.endMs : Infinity;

export interface ElementOps {
  adds: OrSetOp[];
  removes: OrSetOp[];
}

/** The adds and removes of e that may have taken effect. */
export function opsOf(ops: readonly OrSetOp[], e: SetElement): ElementOps {
  const live = ops.filter((o) => o.outcome !== "fail" && o.element === e);
  return { adds: live.filter((o) => o.f === "add"), removes: live.filter((o) => o.f === "remove") };
}

/** An ok add invoked after every remove of e completed ok: its tag survives. */
export function survivingAdd({ adds, removes }: ElementOps): OrSetOp | null {
  return (
    adds.find((a) => a.outcome === "ok" && removes.every((r) => doneBy(r) < a.startMs)) ?? null
  );
}

/** For each add, an ok remove at its node invoked after it completed; null if one has none. */
export function removalsOfEvery({ adds, removes }: ElementOps): [OrSetOp, OrSetOp][] | null {
  const pairs: [OrSetOp, OrSetOp][] = [];
  for (const a of adds) {
    const r = removes.find((x) => x.outcome === "ok" && x.node === a.node && doneBy(a) < x.startMs);
    if (!r) return null;
    pairs.push([a, r]);
  }
  return pairs;
}

/** An add that the read may show: invoked before it completed, not removed at its node before it. */
export function showableAdd({ adds, removes }: ElementOps, read: OrSetOp): OrSetOp | null {
  const end = read.endMs ?? Infinity;
  return (
    adds.find(
      (a) =>
        a.startMs < end &&
        !removes.some(
          (r) =>
            a.outcome === "ok" &&
            a.node === read.node &&
            r.outcome === "ok" &&
            r.node === read.node &&
            doneBy(a) < r.startMs &&
            doneBy(r) < read.startMs,
        ),
    ) ?? null
  );
}

/**
 * An add at the read's node that no remove can have seen at some instant of the read, for
 * every instant (null when the read may lack e). The instants worth trying: the read's
 * start and just after each invocation or completion inside it.
 */
export function unremovableAdd({ adds, removes }: ElementOps, read: OrSetOp): OrSetOp | null {
  const end = read.endMs ?? Infinity;
  const local = adds.filter((a) => a.outcome === "ok" && a.node === read.node);
  const at = (t: number, inclusive: boolean): OrSetOp | null => {
    const before = (x: number): boolean => (inclusive ? x <= t : x < t);
    return (
      local.find(
        (a) =>
          before(doneBy(a)) && !removes.some((r) => before(r.startMs) && a.startMs < doneBy(r)),
      ) ?? null
    );
  };
  let witness = at(read.startMs, false);
  if (!witness) return null;
  const points = [...adds, ...removes].flatMap((o) => [o.startMs, doneBy(o)]);
  for (const x of points) {
    if (x < read.startMs || x >= end) continue;
    witness = at(x, true);
    if (!witness) return null;
  }
  return witness;
}

export function checkOrSet({ ops, originMs }: OrSetInput): PropertyResult {
  const t = (ms: number | null): string => (ms === null ? "…" : secondsSince(originMs, ms));
  const say = (o: OrSetOp): string =>
    `${o.f}${o.element === undefined ? "" : ` ${JSON.stringify(o.element)}`} #${o.id} at ${o.node} ` +
    `[${t(o.startMs)} – ${t(o.endMs)}] ${o.outcome}` +
    (o.elements ? ` → ${JSON.stringify(o.elements)}${o.final ? " (final)" : ""}` : "");
  const reads = ops.filter((o) => o.f === "read" && o.outcome === "ok" && o.elements);
  const elements = new Set<SetElement>(
    ops.flatMap((o) => (o.element === undefined ? [] : [o.element])),
  );
  for (const r of reads) for (const e of r.elements ?? []) elements.add(e);
  for (const e of elements) {
    const of = opsOf(ops, e);
    for (const r of reads) {
      const shown = r.elements?.includes(e) ?? false;
      const bad =
        (r.final ? judgeConverged(of, r, e, shown, say) : null) ?? judgeRead(of, r, e, shown, say);
      if (bad) return bad;
    }
  }
  const finals = reads.filter((r) => r.final).length;
  if (!finals)
    return inconclusive(PROPERTY, "no final read succeeded: the converged set was not observed");
  if (!ops.some((o) => o.f === "remove" && o.outcome !== "fail"))
    return inconclusive(PROPERTY, "no remove may have taken effect: add-wins was not exercised");
  return holds(
    PROPERTY,
    `${reads.length} reads (${finals} final) of ${elements.size} elements within add-wins bounds`,
  );
}

type Say = (o: OrSetOp) => string;

/** A final read against the converged-set rules. */
function judgeConverged(
  of: ElementOps,
  r: OrSetOp,
  e: SetElement,
  shown: boolean,
  say: Say,
): PropertyResult | null {
  const kept = shown ? null : survivingAdd(of);
  if (kept)
    return violated(
      PROPERTY,
      `the converged set at ${r.node} lacks ${JSON.stringify(e)}, though an add of it was invoked after every remove of it had completed (add wins)`,
      [say(kept), ...of.removes.map(say), say(r)],
    );
  const removedAll = shown ? removalsOfEvery(of) : null;
  if (removedAll)
    return violated(
      PROPERTY,
      `the converged set at ${r.node} shows ${JSON.stringify(e)}, resurrected: every add of it was removed at its own node after it completed`,
      [...removedAll.flatMap(([a, x]) => [say(a), say(x)]), say(r)],
    );
  return null;
}

/** Any read against what its node may and must show. */
function judgeRead(
  of: ElementOps,
  r: OrSetOp,
  e: SetElement,
  shown: boolean,
  say: Say,
): PropertyResult | null {
  if (shown && !showableAdd(of, r)) {
    const removed = of.adds.length
      ? `every add of it invoked before the read was removed at ${r.node} before the read began`
      : "no add of it that did not fail was invoked before the read completed";
    return violated(PROPERTY, `a read at ${r.node} showed ${JSON.stringify(e)}, but ${removed}`, [
      ...of.adds.map(say),
      ...of.removes.map(say),
      say(r),
    ]);
  }
  const needed = shown ? null : unremovableAdd(of, r);
  if (needed)
    return violated(
      PROPERTY,
      `a read at ${r.node} lacked ${JSON.stringify(e)}, though ${r.node} had completed an add of it and no remove can have seen that add`,
      [say(needed), ...of.removes.map(say), say(r)],
    );
  return null;
}
