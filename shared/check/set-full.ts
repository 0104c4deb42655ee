// Jepsen's set-full checker (jepsen.checker/set-full) for grow-only sets and gossip
// broadcast, judged without trusting mid-run reads to be fresh. For each element e:
// - added at: the first invocation of an add(e) that did not fail;
// - known at: the earliest of an ok add(e)'s completion and the completion of a read that
//   showed e (from then on e surely exists somewhere);
// - last seen: the latest-invoked ok read that showed e;
// - stable: some read showed e and every read invoked at or after it showed e too (Jepsen:
//   the last read showing e was invoked after the last read missing it); the stable latency
//   is from the added-at time to the invocation of the last read missing e, 0 if none did
//   (Jepsen measures from the known time; the platform reports the broadcast's whole delay);
// - stale: some read invoked after e was known missed it (a partitioned node's read may);
// - lost: e was known before the first final read was invoked, and an ok final read lacks
//   it. Jepsen calls e lost when the last read missing it came after the last read showing
//   it; a correct replica cut off by a partition misses e mid-run, so here only the final
//   reads (every node, after the heal and the recovery wait) can lose an element;
// - never read: neither stable nor lost (e.g. its add was unknown and no read showed it).
// Violations: a lost element; a read listing an element twice (duplicates); a read showing
// an element no add of which was invoked before the read completed, or whose adds all
// failed (unexpected); a read at node n missing an element n already held when the read
// was invoked (forgotten: an add of it completed ok at n, or a read at n showed it and
// completed). Stale reads are reported, never a violation: a node's own set only grows,
// what other nodes hold may reach it late.
//
// Why a correct implementation never fails: an element known before the final reads exists
// at some node before the recovery wait, and a correct gossip spreads it to every node
// within that wait (the problem's convergence bound); a correct node lists each element
// once, never invents one and never forgets one it held (the problem's contract makes an
// acknowledged add durable at the node that acknowledged it). Without an ok final read, or
// without any stable element, the check is inconclusive (Jepsen's :unknown), never holds.
import { holds, inconclusive, secondsSince, violated, type PropertyResult } from "./property.ts";
import type { Outcome } from "../../harness/operation.ts";

export type SetElement = string | number;

export interface SetAdd {
  id: number;
  element: SetElement;
  /** The node that answered (for an ok add, its later reads must show the element). */
  node?: string;
  outcome: Outcome;
  startMs: number;
  endMs: number | null;
}

export interface SetRead {
  id: number;
  /** The node that answered. */
  node: string;
  outcome: Outcome;
  startMs: number;
  endMs: number | null;
  /** What an ok read returned, duplicates kept. */
  elements?: readonly SetElement[];
  /** One of the reads of every node after the heal and the recovery wait. */
  final: boolean;
}

export interface SetFullInput {
  adds: readonly SetAdd[];
  reads: readonly SetRead[];
  originMs: number;
}

export type SetElementOutcome = "stable" | "lost" | "never-read";

export interface SetElementReport {
  element: SetElement;
  addedAtMs: number;
  known: { atMs: number; by: SetAdd | SetRead } | null;
  lastSeen: SetRead | null;
  lastMissing: SetRead | null;
  outcome: SetElementOutcome;
  /** Stable elements only: added-at to the invocation of the last read missing it, ≥ 0. */
  stableLatencyMs: number | null;
  /** Reads invoked after it was known that lacked it. */
  staleReads: number;
  /** Lost elements only: a final read that lacks it. */
  missingFrom: SetRead | null;
}

export interface SetFullAnalysis {
  elements: SetElementReport[];
  duplicates: { read: SetRead; element: SetElement; times: number }[];
  unexpected: { read: SetRead; element: SetElement }[];
  /** A read missing an element its node held before it was invoked, and what showed it held. */
  forgotten: { read: SetRead; element: SetElement; heldSince: SetAdd | SetRead }[];
  /** Stable latencies at quantiles 0, 0.5, 0.95, 0.99, 1 (null when none is stable). */
  stableLatencyMs: Record<"0" | "0.5" | "0.95" | "0.99" | "1", number> | null;
  finalReads: number;
}

const PROPERTY = "set-full";
const QUANTILES = ["0", "0.5", "0.95", "0.99", "1"] as const;

/** Reads in invocation order (ties by id): "later" below always means this order. */
const byStart = (a: SetRead, b: SetRead): number => a.startMs - b.startMs || a.id - b.id;

export function analyseSetFull(input: SetFullInput): SetFullAnalysis {
  const reads = input.reads
    .filter((r) => r.outcome === "ok" && r.elements && r.endMs !== null)
    .sort(byStart);
  const finals = reads.filter((r) => r.final);
  const firstFinalMs = finals[0]?.startMs ?? Infinity;
  const addsOf = new Map<SetElement, SetAdd[]>();
  for (const a of input.adds)
    if (a.outcome !== "fail") addsOf.set(a.element, [...(addsOf.get(a.element) ?? []), a]);
  const duplicates: SetFullAnalysis["duplicates"] = [];
  const unexpected: SetFullAnalysis["unexpected"] = [];
  const contents = reads.map((r) => {
    const counts = new Map<SetElement, number>();
    for (const e of r.elements ?? []) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const [element, times] of counts) {
      if (times > 1) duplicates.push({ read: r, element, times });
      if (!(addsOf.get(element) ?? []).some((a) => a.startMs < (r.endMs as number)))
        unexpected.push({ read: r, element });
    }
    return new Set(counts.keys());
  });
  const elements = [...addsOf].map(([element, adds]) =>
    reportElement(element, adds, reads, contents, finals, firstFinalMs),
  );
  return {
    elements,
    duplicates,
    unexpected,
    forgotten: forgotten(input.adds, reads, contents),
    stableLatencyMs: quantiles(elements.flatMap((e) => e.stableLatencyMs ?? [])),
    finalReads: finals.length,
  };
}

function reportElement(
  element: SetElement,
  adds: readonly SetAdd[],
  reads: readonly SetRead[],
  contents: readonly Set<SetElement>[],
  finals: readonly SetRead[],
  firstFinalMs: number,
): SetElementReport {
  const addedAtMs = Math.min(...adds.map((a) => a.startMs));
  let known: SetElementReport["known"] = null;
  for (const a of adds)
    if (a.outcome === "ok" && a.endMs !== null && (!known || a.endMs < known.atMs))
      known = { atMs: a.endMs, by: a };
  let lastSeen: SetRead | null = null;
  let lastMissing: SetRead | null = null;
  reads.forEach((r, k) => {
    if (!contents[k]?.has(element)) return void (lastMissing = r);
    lastSeen = r;
    if (!known || (r.endMs as number) < known.atMs) known = { atMs: r.endMs as number, by: r };
  });
  const knownAtMs = known?.atMs ?? Infinity;
  const staleReads = reads.filter(
    (r, k) => r.startMs > knownAtMs && !contents[k]?.has(element),
  ).length;
  const missingFrom =
    knownAtMs < firstFinalMs
      ? (finals.find((r) => !contents[reads.indexOf(r)]?.has(element)) ?? null)
      : null;
  const seen = lastSeen as SetRead | null;
  const missing = lastMissing as SetRead | null;
  const stable = !missingFrom && seen !== null && (missing === null || byStart(missing, seen) < 0);
  return {
    element,
    addedAtMs,
    known,
    lastSeen: seen,
    lastMissing: missing,
    outcome: missingFrom ? "lost" : stable ? "stable" : "never-read",
    stableLatencyMs: stable ? Math.max(0, (missing?.startMs ?? addedAtMs) - addedAtMs) : null,
    staleReads,
    missingFrom,
  };
}

/** Per node, in invocation order: elements the node held before each read began but it lacks. */
function forgotten(
  adds: readonly SetAdd[],
  reads: readonly SetRead[],
  contents: readonly Set<SetElement>[],
): SetFullAnalysis["forgotten"] {
  const found: SetFullAnalysis["forgotten"] = [];
  const nodes = new Set(reads.map((r) => r.node));
  for (const node of nodes) {
    const holds: { atMs: number; element: SetElement; by: SetAdd | SetRead }[] = [];
    for (const a of adds)
      if (a.node === node && a.outcome === "ok" && a.endMs !== null)
        holds.push({ atMs: a.endMs, element: a.element, by: a });
    reads.forEach((r, k) => {
      if (r.node === node)
        for (const element of contents[k] ?? [])
          holds.push({ atMs: r.endMs as number, element, by: r });
    });
    holds.sort((x, y) => x.atMs - y.atMs);
    const held = new Map<SetElement, SetAdd | SetRead>();
    let next = 0;
    reads.forEach((r, k) => {
      if (r.node !== node) return;
      for (; next < holds.length && (holds[next] as (typeof holds)[0]).atMs < r.startMs; next++) {
        const h = holds[next] as (typeof holds)[0];
        if (!held.has(h.element)) held.set(h.element, h.by);
      }
      for (const [element, heldSince] of held)
        if (!contents[k]?.has(element)) found.push({ read: r, element, heldSince });
    });
  }
  return found;
}

/** Jepsen's frequency-distribution: the value at floor(q·n), clamped to the last. */
export function quantiles(values: readonly number[]): SetFullAnalysis["stableLatencyMs"] {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return Object.fromEntries(QUANTILES.map((q) => [q, at(Number(q))])) as Record<
    (typeof QUANTILES)[number],
    number
  >;
}

const describeRead = (r: SetRead, originMs: number): string =>
  `read #${r.id} at ${r.node}${r.final ? " (final)" : ""} invoked ${secondsSince(originMs, r.startMs)}, ` +
  `completed ${secondsSince(originMs, r.endMs as number)}: ${r.elements?.length ?? 0} elements`;

export function checkSetFull(input: SetFullInput): PropertyResult {
  const a = analyseSetFull(input);
  const t = (ms: number): string => secondsSince(input.originMs, ms);
  const [unexpected] = a.unexpected;
  if (unexpected)
    return violated(
      PROPERTY,
      `${JSON.stringify(unexpected.element)} appeared in a read though no add of it that did not fail was invoked before the read completed`,
      [describeRead(unexpected.read, input.originMs)],
    );
  const [dup] = a.duplicates;
  if (dup)
    return violated(PROPERTY, `a read listed ${JSON.stringify(dup.element)} ${dup.times} times`, [
      describeRead(dup.read, input.originMs),
    ]);
  const lost = a.elements.find((e) => e.outcome === "lost");
  if (lost?.known && lost.missingFrom) {
    const how =
      "element" in lost.known.by
        ? "its add completed ok"
        : `a read at ${lost.known.by.node} showed it`;
    const last = lost.lastSeen
      ? `, last seen ${t(lost.lastSeen.startMs)} at ${lost.lastSeen.node}`
      : "";
    return violated(
      PROPERTY,
      `${JSON.stringify(lost.element)} was lost: known since ${t(lost.known.atMs)} (${how})${last}, ` +
        `but the final read at ${lost.missingFrom.node} lacks it`,
      [
        ...(lost.lastSeen ? [describeRead(lost.lastSeen, input.originMs)] : []),
        describeRead(lost.missingFrom, input.originMs),
      ],
    );
  }
  const [forgot] = a.forgotten;
  if (forgot) {
    const since = forgot.heldSince;
    const how =
      "elements" in since
        ? `a read there showed it, completed ${t(since.endMs as number)}`
        : `its add completed ok there at ${t(since.endMs as number)}`;
    return violated(
      PROPERTY,
      `a read at ${forgot.read.node} lacked ${JSON.stringify(forgot.element)}, which ${forgot.read.node} already held (${how}): a node's set only grows`,
      [describeRead(forgot.read, input.originMs)],
    );
  }
  if (a.finalReads === 0)
    return inconclusive(PROPERTY, "no final read succeeded: convergence was not observed");
  const stable = a.elements.filter((e) => e.outcome === "stable");
  if (!stable.length || !a.stableLatencyMs)
    return inconclusive(PROPERTY, "no element was known and then seen by every later read");
  const stale = a.elements.filter((e) => e.staleReads > 0).length;
  const q = a.stableLatencyMs;
  const ms = (v: number): string => `${Math.round(v)} ms`;
  return holds(
    PROPERTY,
    `${stable.length} of ${a.elements.length} elements stable, none lost, ${stale} read stale for a while; ` +
      `stable latency p50 ${ms(q["0.5"])}, p99 ${ms(q["0.99"])}, max ${ms(q["1"])}`,
  );
}
