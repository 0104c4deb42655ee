// Vector clocks: executions simulated with correct clocks hold; one corrupted clock (a receive
// that does not merge, an event that does not increment) is caught; and on random executions,
// corrupted or not, the checker's verdict and its rebuilt relation agree with a brute-force
// reachability oracle (depth-first search over the raw edges, pairwise).
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import {
  buildGraph,
  checkHappensBefore,
  closure,
  reaches,
  type ClockEvent,
  type CompareQuery,
  type MessageEdge,
} from "../../../shared/check/happens-before.ts";

const NODES = ["a", "b", "c"] as const;
const RUNS = 200;

/** One step: a node does a local event or sends to a peer, or a pending message arrives. */
type Step =
  { kind: "local" | "send"; node: number; to: number } | { kind: "deliver"; pick: number };
type Bug = { kind: "none" } | { kind: "no-merge" | "no-increment"; at: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("local" as const, "send" as const),
    node: fc.nat(NODES.length - 1),
    to: fc.nat(NODES.length - 2),
  }),
  fc.record({ kind: fc.constant("deliver" as const), pick: fc.nat() }),
);
const stepsArb = fc.array(stepArb, { minLength: 2, maxLength: 30 });

interface Execution {
  events: ClockEvent[];
  messages: MessageEdge[];
  /** For each receive: whether the sender knew something the receiver did not. */
  mergeMatters: Map<string, boolean>;
}

/** Runs the steps with textbook vector clocks, except at the event the bug names. */
function execute(steps: readonly Step[], bug: Bug = { kind: "none" }): Execution {
  const clocks = NODES.map(() => NODES.map(() => 0));
  const seqs = NODES.map(() => 0);
  const inFlight: { id: string; to: number; vc: number[] }[] = [];
  const events: ClockEvent[] = [];
  const messages: MessageEdge[] = [];
  const mergeMatters = new Map<string, boolean>();
  const record = (node: number, kind: ClockEvent["kind"], merge?: number[]): string => {
    const at = events.length;
    const vc = clocks[node] as number[];
    const id = `${NODES[node]}${seqs[node]}`;
    if (merge) {
      mergeMatters.set(
        id,
        merge.some((x, k) => x > (vc[k] as number)),
      );
      if (!(bug.kind === "no-merge" && bug.at === at))
        merge.forEach((x, k) => (vc[k] = Math.max(vc[k] as number, x)));
    }
    if (!(bug.kind === "no-increment" && bug.at === at)) vc[node]!++;
    const named = Object.fromEntries(NODES.map((n, k) => [n, vc[k] as number]));
    events.push({ id, node: NODES[node] as string, seq: seqs[node]!++, kind, vc: named });
    return id;
  };
  for (const s of steps) {
    if (s.kind === "deliver") {
      if (!inFlight.length) continue;
      const [m] = inFlight.splice(s.pick % inFlight.length, 1);
      messages.push({ send: m!.id, receive: record(m!.to, "receive", m!.vc) });
    } else {
      const id = record(s.node, s.kind);
      const to = (s.node + 1 + s.to) % NODES.length;
      if (s.kind === "send") inFlight.push({ id, to, vc: [...(clocks[s.node] as number[])] });
    }
  }
  return { events, messages, mergeMatters };
}

/** The oracle: depth-first search over program order and messages, from scratch. */
function reachableByDfs(ex: Execution): Map<string, Set<string>> {
  const next = new Map<string, string[]>(ex.events.map((e) => [e.id, []]));
  for (const e of ex.events)
    for (const f of ex.events)
      if (e.node === f.node && f.seq === e.seq + 1) next.get(e.id)!.push(f.id);
  for (const m of ex.messages) next.get(m.send)!.push(m.receive);
  const out = new Map<string, Set<string>>();
  for (const e of ex.events) {
    const seen = new Set<string>();
    const visit = (id: string): void => {
      for (const n of next.get(id)!)
        if (!seen.has(n)) {
          seen.add(n);
          visit(n);
        }
    };
    visit(e.id);
    out.set(e.id, seen);
  }
  return out;
}

const vcLess = (x: ClockEvent, y: ClockEvent): boolean =>
  NODES.every((n) => (x.vc[n] ?? 0) <= (y.vc[n] ?? 0)) &&
  NODES.some((n) => (x.vc[n] ?? 0) < (y.vc[n] ?? 0));
const vcEqual = (x: ClockEvent, y: ClockEvent): boolean => NODES.every((n) => x.vc[n] === y.vc[n]);

function oracleHolds(ex: Execution): boolean {
  const reach = reachableByDfs(ex);
  return ex.events.every((e) =>
    ex.events.every(
      (f) => e === f || (reach.get(e.id)!.has(f.id) === vcLess(e, f) && !vcEqual(e, f)),
    ),
  );
}

const bugArb = fc.record({
  kind: fc.constantFrom("no-merge" as const, "no-increment" as const),
  at: fc.nat(40),
});

describe("happens-before from vector clocks", () => {
  test("correct clocks hold", () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const ex = execute(steps);
        fc.pre(ex.events.length >= 2);
        assert.equal(checkHappensBefore(ex).status, "holds");
      }),
      { numRuns: RUNS },
    );
  });

  test("a receive that does not merge what the sender knew is caught", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const receives = execute(steps).events.flatMap((e, at) =>
          e.kind === "receive" && execute(steps).mergeMatters.get(e.id) ? [at] : [],
        );
        fc.pre(receives.length > 0);
        const ex = execute(steps, { kind: "no-merge", at: receives[pick % receives.length]! });
        const result = checkHappensBefore(ex);
        assert.equal(result.status, "violated", result.message);
        assert.match(result.message, /happens before/);
      }),
      { numRuns: RUNS },
    );
  });

  test("a local event or send that does not increment is caught", () => {
    // Its clock then equals the previous event's on its node: two events, one clock.
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const events = execute(steps).events;
        const candidates = events.flatMap((e, at) =>
          e.kind !== "receive" && e.seq > 0 ? [at] : [],
        );
        fc.pre(candidates.length > 0);
        const ex = execute(steps, {
          kind: "no-increment",
          at: candidates[pick % candidates.length]!,
        });
        assert.equal(checkHappensBefore(ex).status, "violated");
      }),
      { numRuns: RUNS },
    );
  });

  test("the verdict and the rebuilt relation agree with depth-first reachability", () => {
    fc.assert(
      fc.property(stepsArb, fc.option(bugArb), (steps, bug) => {
        const ex = execute(steps, bug ?? { kind: "none" });
        fc.pre(ex.events.length >= 2);
        const graph = buildGraph(ex.events, ex.messages);
        const reach = closure(graph);
        const dfs = reachableByDfs(ex);
        for (const e of ex.events)
          for (const f of ex.events)
            assert.equal(
              reaches(reach, graph.index.get(e.id)!, graph.index.get(f.id)!),
              dfs.get(e.id)!.has(f.id),
            );
        const status = checkHappensBefore(ex).status;
        assert.equal(status, oracleHolds(ex) ? "holds" : "violated");
      }),
      { numRuns: RUNS },
    );
  });

  test("a message the judge did not keep leaves correct clocks inconclusive, never violated", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const ex = execute(steps);
        fc.pre(ex.messages.length > 0 && ex.events.length >= 2);
        const messages = ex.messages.filter((_, k) => k !== pick % ex.messages.length);
        assert.equal(
          checkHappensBefore({ ...ex, messages, messagesMissing: 1 }).status,
          "inconclusive",
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("compare answers", () => {
  const truthOf = (ex: Execution, e1: string, e2: string): CompareQuery["answer"] => {
    const dfs = reachableByDfs(ex);
    if (e1 === e2) return "equal";
    return dfs.get(e1)!.has(e2) ? "before" : dfs.get(e2)!.has(e1) ? "after" : "concurrent";
  };
  const queriesArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 });

  test("right answers hold and one wrong answer is named", () => {
    fc.assert(
      fc.property(stepsArb, queriesArb, fc.nat(), fc.nat(3), (steps, pairs, wrong, shift) => {
        const ex = execute(steps);
        fc.pre(ex.events.length >= 2);
        const id = (k: number): string => ex.events[k % ex.events.length]!.id;
        const queries = pairs.map(([x, y]): CompareQuery => {
          const [e1, e2] = [id(x), id(y)];
          return { e1, e2, answer: truthOf(ex, e1, e2), node: "a" };
        });
        assert.equal(checkHappensBefore({ ...ex, queries }).status, "holds");
        const answers = ["before", "after", "concurrent", "equal"] as const;
        const k = wrong % queries.length;
        const q = queries[k]!;
        const bad = answers[(answers.indexOf(q.answer) + 1 + shift) % 4] as CompareQuery["answer"];
        fc.pre(bad !== q.answer);
        const flipped = queries.map((x, i) => (i === k ? { ...x, answer: bad } : x));
        const result = checkHappensBefore({ ...ex, queries: flipped });
        assert.equal(result.status, "violated");
        assert.match(result.message, /compare\(/);
      }),
      { numRuns: RUNS },
    );
  });

  test("a cycle in the rebuilt order is reported, an empty run is inconclusive", () => {
    const events: ClockEvent[] = [
      { id: "a0", node: "a", seq: 0, kind: "receive", vc: { a: 1, b: 1 } },
      { id: "a1", node: "a", seq: 1, kind: "send", vc: { a: 2, b: 1 } },
      { id: "b0", node: "b", seq: 0, kind: "receive", vc: { a: 2, b: 1 } },
      { id: "b1", node: "b", seq: 1, kind: "send", vc: { a: 2, b: 2 } },
    ];
    const messages = [
      { send: "a1", receive: "b0" },
      { send: "b1", receive: "a0" },
    ];
    const cycle = checkHappensBefore({ events, messages });
    assert.equal(cycle.status, "violated");
    assert.equal(cycle.excerpt?.length, 4);
    assert.equal(checkHappensBefore({ events: [], messages: [] }).status, "inconclusive");
  });
});
