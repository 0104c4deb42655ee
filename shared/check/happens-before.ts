// Vector clocks against happens-before. The judge rebuilds happens-before from what it saw
// (each node's events in order, and every send matched to its receive from the recorded
// traffic) as the transitive closure of program order and message edges, then requires for
// every pair of distinct events e, f: e → f exactly when VC(e) < VC(f) (every entry ≤, one
// <), and VC(e) ≠ VC(f). Answers to compare(e1, e2) queries are judged against the rebuilt
// relation: "before" when e1 → e2, "after" when e2 → e1, "equal" when they are one event,
// "concurrent" otherwise.
//
// Why a correct implementation never fails: the rebuilt edges are real (a node's events
// happen in its order; a message is received after it was sent), so e → f implies a chain
// of increments and merges that makes VC(e) < VC(f); and when the traffic is complete, every
// causal chain between two observed events runs through observed messages, so VC(e) < VC(f)
// implies e → f. When messages are missing (`messagesMissing` > 0, or a receive whose send
// was not seen), a chain may pass through them: then only the first direction is judged, and
// the result is at best inconclusive (a violation found is still one).
import { holds, inconclusive, violated, type PropertyResult } from "./property.ts";

export type VectorClock = Readonly<Record<string, number>>;

export interface ClockEvent {
  /** Unique; evidence names events by it. */
  id: string;
  node: string;
  /** The event's place in its node's order (strictly increasing along the node). */
  seq: number;
  kind: "local" | "send" | "receive";
  /** The vector timestamp the node returned for it; a missing entry is 0. */
  vc: VectorClock;
}

/** A message: its send and its receive event, matched from decoded traffic. */
export interface MessageEdge {
  send: string;
  receive: string;
}

export interface CompareQuery {
  e1: string;
  e2: string;
  answer: "before" | "after" | "concurrent" | "equal";
  /** Who answered and when, for the evidence. */
  node?: string;
  atMs?: number;
}

export interface HappensBeforeInput {
  events: readonly ClockEvent[];
  messages: readonly MessageEdge[];
  queries?: readonly CompareQuery[];
  /** Peer messages the judge did not keep: causal chains may pass through them. */
  messagesMissing?: number;
}

/** Pairwise work is events² bits: beyond this the check is inconclusive, not slow. */
export const HAPPENS_BEFORE_EVENTS_MAX = 6000;
/** Events listed when the rebuilt order has a cycle: the ones on or after it, the first few. */
const EXCERPT_EVENTS_MAX = 8;

const PROPERTY = "happens-before";

/** Events in a topological order of the edges, with each event's direct successors. */
export interface CausalGraph {
  events: ClockEvent[];
  index: Map<string, number>;
  /** succ[i]: events with a direct edge from i (next on its node, its message's receive). */
  succ: number[][];
  /** Topological order of indexes; null when the edges form a cycle. */
  order: number[] | null;
}

export function buildGraph(
  events: readonly ClockEvent[],
  messages: readonly MessageEdge[],
): CausalGraph {
  const list = [...events];
  const index = new Map(list.map((e, i) => [e.id, i]));
  if (index.size !== list.length) throw new Error("happens-before: two events share an id");
  const succ: number[][] = list.map(() => []);
  const byNode = new Map<string, number[]>();
  list.forEach((e, i) => byNode.set(e.node, [...(byNode.get(e.node) ?? []), i]));
  for (const ids of byNode.values()) {
    ids.sort((a, b) => (list[a] as ClockEvent).seq - (list[b] as ClockEvent).seq);
    for (let k = 1; k < ids.length; k++) (succ[ids[k - 1] as number] as number[]).push(ids[k]!);
  }
  for (const m of messages) {
    const s = index.get(m.send);
    const r = index.get(m.receive);
    if (s === undefined || r === undefined)
      throw new Error(`happens-before: unknown event in ${m.send}→${m.receive}`);
    (succ[s] as number[]).push(r);
  }
  return { events: list, index, succ, order: topologicalOrder(succ) };
}

function topologicalOrder(succ: readonly number[][]): number[] | null {
  const order = topologicalPrefix(succ);
  return order.length === succ.length ? order : null;
}

/** Kahn's algorithm: every event not on or after a cycle, in a topological order. */
function topologicalPrefix(succ: readonly number[][]): number[] {
  const indegree = succ.map(() => 0);
  for (const out of succ) for (const j of out) indegree[j]!++;
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  const order: number[] = [];
  while (ready.length) {
    const i = ready.pop() as number;
    order.push(i);
    for (const j of succ[i] as number[]) if (--indegree[j]! === 0) ready.push(j);
  }
  return order;
}

/** reach[i] has bit j set when event i → event j (strictly). */
export function closure(graph: CausalGraph): Uint32Array[] {
  const n = graph.events.length;
  const words = Math.ceil(n / 32);
  const reach = graph.events.map(() => new Uint32Array(words));
  for (const i of [...(graph.order ?? [])].reverse()) {
    const row = reach[i] as Uint32Array;
    for (const j of graph.succ[i] as number[]) {
      row[j >>> 5]! |= 1 << (j & 31);
      const other = reach[j] as Uint32Array;
      for (let w = 0; w < words; w++) row[w]! |= other[w]!;
    }
  }
  return reach;
}

export const reaches = (reach: readonly Uint32Array[], i: number, j: number): boolean =>
  ((reach[i] as Uint32Array)[j >>> 5]! & (1 << (j & 31))) !== 0;

/** The chain of events that proves i → j (shortest), as event ids. */
export function pathBetween(graph: CausalGraph, i: number, j: number): string[] {
  const parent = new Map<number, number>([[i, -1]]);
  const queue = [i];
  for (let k = 0; k < queue.length && !parent.has(j); k++) {
    const at = queue[k] as number;
    for (const next of graph.succ[at] as number[]) {
      if (parent.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  if (!parent.has(j)) return [];
  const path: string[] = [];
  for (let at = j; at !== -1; at = parent.get(at) as number) path.unshift(graph.events[at]!.id);
  return path;
}

const describe = (e: ClockEvent): string =>
  `${e.id}: ${e.kind} #${e.seq} at ${e.node} with ${JSON.stringify(e.vc)}`;

export function checkHappensBefore(input: HappensBeforeInput): PropertyResult {
  const { events, messages } = input;
  if (events.length < 2) return inconclusive(PROPERTY, "fewer than two events: no pair to compare");
  if (events.length > HAPPENS_BEFORE_EVENTS_MAX)
    return inconclusive(
      PROPERTY,
      `${events.length} events: more than the ${HAPPENS_BEFORE_EVENTS_MAX} compared pairwise`,
    );
  const graph = buildGraph(events, messages);
  if (!graph.order) {
    const placed = new Set(topologicalPrefix(graph.succ));
    const stuck = graph.events.filter((_, i) => !placed.has(i)).slice(0, EXCERPT_EVENTS_MAX);
    return violated(
      PROPERTY,
      "the nodes' event orders and the messages form a cycle: some event would happen before itself",
      stuck.map(describe),
    );
  }
  const sent = new Set(messages.map((m) => m.receive));
  const unmatched = events.filter((e) => e.kind === "receive" && !sent.has(e.id)).length;
  const complete = (input.messagesMissing ?? 0) === 0 && unmatched === 0;
  const reach = closure(graph);
  const bad = firstDisagreement(graph, reach, complete);
  if (bad) return bad;
  const query = judgeQueries(graph, reach, input.queries ?? [], complete);
  if (query) return query;
  const pairs = (events.length * (events.length - 1)) / 2;
  const answered = input.queries?.length ? `, and ${input.queries.length} compare answers` : "";
  // Without every message, "concurrent" may hide a chain through one the judge missed: half
  // the property went unjudged, so it cannot be shown to hold.
  if (!complete)
    return inconclusive(
      PROPERTY,
      `every causally ordered pair of ${events.length} events has ordered clocks${answered}, ` +
        `but concurrency was not judged: ${unmatched} receives without their send and ${input.messagesMissing ?? 0} messages not kept`,
    );
  return holds(
    PROPERTY,
    `${pairs} pairs of ${events.length} events: clocks ordered exactly when causally ordered${answered}`,
  );
}

/** Every clock as one row over every node named anywhere, for pairwise comparison. */
function clockRows(events: readonly ClockEvent[]): Float64Array[] {
  const nodes = [...new Set(events.flatMap((e) => Object.keys(e.vc)))];
  return events.map((e) => Float64Array.from(nodes, (n) => e.vc[n] ?? 0));
}

function compareRows(a: Float64Array, b: Float64Array): "<" | ">" | "=" | "||" {
  let less = false;
  let greater = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! < b[k]!) less = true;
    else if (a[k]! > b[k]!) greater = true;
  }
  return less && greater ? "||" : less ? "<" : greater ? ">" : "=";
}

function firstDisagreement(
  graph: CausalGraph,
  reach: readonly Uint32Array[],
  complete: boolean,
): PropertyResult | null {
  const { events } = graph;
  const rows = clockRows(events);
  for (let i = 0; i < events.length; i++) {
    for (let j = 0; j < events.length; j++) {
      if (i === j) continue;
      const e = events[i] as ClockEvent;
      const f = events[j] as ClockEvent;
      const clocks = compareRows(rows[i]!, rows[j]!);
      const before = reaches(reach, i, j);
      if (before && clocks !== "<") {
        const path = pathBetween(graph, i, j);
        return violated(
          PROPERTY,
          `${e.id} happens before ${f.id} (through ${path.join(" → ")}) but its clock is ${clocks === "=" ? "equal to" : "not below"} theirs`,
          [describe(e), describe(f)],
        );
      }
      if (j > i && clocks === "=")
        return violated(PROPERTY, `${e.id} and ${f.id} are two events with one clock`, [
          describe(e),
          describe(f),
        ]);
      if (complete && !before && clocks === "<")
        return violated(
          PROPERTY,
          `${e.id}'s clock is below ${f.id}'s but no chain of events and messages leads from ${e.id} to ${f.id}`,
          [describe(e), describe(f)],
        );
    }
  }
  return null;
}

function judgeQueries(
  graph: CausalGraph,
  reach: readonly Uint32Array[],
  queries: readonly CompareQuery[],
  complete: boolean,
): PropertyResult | null {
  for (const q of queries) {
    const i = graph.index.get(q.e1);
    const j = graph.index.get(q.e2);
    if (i === undefined || j === undefined) continue;
    const truth =
      i === j
        ? "equal"
        : reaches(reach, i, j)
          ? "before"
          : reaches(reach, j, i)
            ? "after"
            : "concurrent";
    // Without every message, "concurrent" may hide a chain through one the judge missed.
    if (q.answer === truth || (truth === "concurrent" && !complete)) continue;
    const path =
      truth === "before"
        ? pathBetween(graph, i, j)
        : truth === "after"
          ? pathBetween(graph, j, i)
          : [];
    const why = path.length ? ` (through ${path.join(" → ")})` : "";
    const who = q.node ? `${q.node} answered` : "the answer was";
    return violated(
      PROPERTY,
      `compare(${q.e1}, ${q.e2}): ${who} "${q.answer}" but the events are ${truth}${why}`,
      [describe(graph.events[i]!), describe(graph.events[j]!)],
    );
  }
  return null;
}
