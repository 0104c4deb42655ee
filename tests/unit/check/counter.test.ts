// The counter checks against brute force: the subset search agrees with enumerating every
// subset; runs of a correct counter (simulated replicas with stale gossip, lost and failed
// adds, overlapping calls) never break the read bounds or the final acceptable set; values
// just outside what brute force allows are caught.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import {
  finalValueAcceptable,
  firstReadViolation,
  readBounds,
  subsetSumReaches,
  type CounterAdd,
  type CounterRead,
} from "../../../shared/check/counter.ts";

const RUNS = 300;

function allSubsetSums(deltas: readonly number[]): Set<number> {
  let sums = new Set([0]);
  for (const d of deltas) sums = new Set([...sums, ...[...sums].map((s) => s + d)]);
  return sums;
}

describe("subset sums", () => {
  test("agree with enumerating every subset", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 9 }), { maxLength: 10 }),
        fc.integer({ min: -40, max: 60 }),
        (deltas, target) => {
          assert.equal(subsetSumReaches(deltas, target), allSubsetSums(deltas).has(target));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("say unknown, not a guess, past the search bound", () => {
    const deltas = Array.from({ length: 40 }, (_, i) => 2 ** (i % 30) + i);
    assert.equal(subsetSumReaches(deltas, 12345, 1000), "unknown");
    assert.equal(finalValueAcceptable([], 0).status, "yes");
  });

  test("gaps between reachable sums are caught: 5 unknown, 3 is not reachable", () => {
    const adds: CounterAdd[] = [
      { delta: 2, outcome: "ok", startMs: 0, endMs: 1, node: "n0" },
      { delta: 5, outcome: "info", startMs: 1, endMs: null },
    ];
    assert.equal(finalValueAcceptable(adds, 7).status, "yes");
    assert.equal(finalValueAcceptable(adds, 2).status, "yes");
    const wrong = finalValueAcceptable(adds, 5);
    assert.equal(wrong.status, "no");
    assert.match(wrong.status === "no" ? wrong.why : "", /ok adds sum to 2/);
  });
});

/** One step of a simulated run: an add or a read at a node, or one gossip between nodes. */
type Step =
  | { kind: "add"; node: number; delta: number; fate: "ok" | "fail" | "lost" | "lost-unapplied" }
  | { kind: "read"; node: number; latency: number }
  | { kind: "gossip"; from: number; to: number };

const NODES = 3;

function stepArb(signed: boolean): fc.Arbitrary<Step> {
  const node = fc.integer({ min: 0, max: NODES - 1 });
  return fc.oneof(
    fc.record({
      kind: fc.constant("add" as const),
      node,
      delta: fc.integer({ min: signed ? -5 : 0, max: 5 }),
      fate: fc.constantFrom("ok" as const, "ok" as const, "fail" as const, "lost" as const),
    }),
    fc.record({
      kind: fc.constant("read" as const),
      node,
      latency: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant("gossip" as const), from: node, to: node }),
  );
}

/**
 * A correct state-based counter: each node holds, per origin, the sum of its positive and
 * of its negative deltas; gossip merges by max. Steps start one ms apart and last a few ms,
 * so calls overlap; each takes effect half a ms after it starts.
 */
function simulate(steps: readonly Step[]): { adds: CounterAdd[]; reads: CounterRead[] } {
  const state = Array.from({ length: NODES }, () => ({
    p: new Array<number>(NODES).fill(0),
    n: new Array<number>(NODES).fill(0),
  }));
  const value = (i: number): number => {
    const s = state[i] as { p: number[]; n: number[] };
    return s.p.reduce((t, x) => t + x, 0) - s.n.reduce((t, x) => t + x, 0);
  };
  const adds: CounterAdd[] = [];
  const reads: CounterRead[] = [];
  steps.forEach((step, i) => {
    if (step.kind === "gossip") {
      const [from, to] = [state[step.from], state[step.to]] as [
        (typeof state)[0],
        (typeof state)[0],
      ];
      for (let o = 0; o < NODES; o++) {
        to.p[o] = Math.max(to.p[o] ?? 0, from.p[o] ?? 0);
        to.n[o] = Math.max(to.n[o] ?? 0, from.n[o] ?? 0);
      }
      return;
    }
    const node = `n${step.node}`;
    if (step.kind === "read") {
      reads.push({ node, startMs: i, endMs: i + step.latency, value: value(step.node) });
      return;
    }
    const s = state[step.node] as { p: number[]; n: number[] };
    if (step.fate !== "fail") {
      if (step.delta >= 0) s.p[step.node] = (s.p[step.node] ?? 0) + step.delta;
      else s.n[step.node] = (s.n[step.node] ?? 0) - step.delta;
    }
    if (step.fate === "ok")
      adds.push({ delta: step.delta, outcome: "ok", startMs: i, endMs: i + 2, node });
    else if (step.fate === "fail")
      adds.push({ delta: step.delta, outcome: "fail", startMs: i, endMs: i + 2 });
    else adds.push({ delta: step.delta, outcome: "info", startMs: i, endMs: null });
  });
  // The heal: everyone gossips to everyone, then a final read at every node.
  for (let a = 0; a < NODES; a++)
    for (let b = 0; b < NODES; b++)
      for (let o = 0; o < NODES; o++) {
        const [from, to] = [state[a], state[b]] as [(typeof state)[0], (typeof state)[0]];
        to.p[o] = Math.max(to.p[o] ?? 0, from.p[o] ?? 0);
        to.n[o] = Math.max(to.n[o] ?? 0, from.n[o] ?? 0);
      }
  const end = steps.length + 10;
  for (let n = 0; n < NODES; n++)
    reads.push({ node: `n${n}`, startMs: end + n, endMs: end + n + 1, value: value(n) });
  return { adds, reads };
}

for (const signed of [false, true]) {
  const kind = signed ? "pn-counter" : "g-counter";
  describe(`a correct ${kind}`, () => {
    test("never breaks the read bounds, and its final reads are acceptable", () => {
      fc.assert(
        fc.property(fc.array(stepArb(signed), { maxLength: 40 }), (steps) => {
          const { adds, reads } = simulate(steps);
          assert.equal(firstReadViolation(adds, reads, !signed), null);
          const final = reads[reads.length - 1] as CounterRead;
          assert.equal(finalValueAcceptable(adds, final.value).status, "yes");
        }),
        { numRuns: RUNS },
      );
    });

    test("a read one past a bound is caught, as is a final value brute force rules out", () => {
      fc.assert(
        fc.property(fc.array(stepArb(signed), { minLength: 1, maxLength: 30 }), (steps) => {
          const { adds, reads } = simulate(steps);
          const read = reads[0] as CounterRead;
          const { low, high } = readBounds(adds, read);
          const above = firstReadViolation(adds, [{ ...read, value: high + 1 }], false);
          const below = firstReadViolation(adds, [{ ...read, value: low - 1 }], false);
          assert.equal(above?.kind, "above");
          assert.equal(below?.kind, "below");
          const okSum = adds.filter((a) => a.outcome === "ok").reduce((t, a) => t + a.delta, 0);
          const sums = allSubsetSums(adds.filter((a) => a.outcome === "info").map((a) => a.delta));
          const outside = [...Array(60).keys()]
            .map((k) => okSum + k - 30)
            .filter((v) => !sums.has(v - okSum));
          for (const v of outside) assert.equal(finalValueAcceptable(adds, v).status, "no");
        }),
        { numRuns: RUNS },
      );
    });
  });
}

test("a g-counter read lower than an earlier read at the same node is caught", () => {
  const adds: CounterAdd[] = [{ delta: 3, outcome: "info", startMs: 0, endMs: null }];
  const reads: CounterRead[] = [
    { node: "n1", startMs: 1, endMs: 2, value: 3 },
    { node: "n1", startMs: 3, endMs: 4, value: 0 },
  ];
  assert.equal(firstReadViolation(adds, reads, false), null);
  assert.equal(firstReadViolation(adds, reads, true)?.kind, "decreased");
});
