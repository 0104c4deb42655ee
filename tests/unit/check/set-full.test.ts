// Set-full: histories of a simulated correct gossip (nodes merge whole sets at random, reads
// see their node's set, final reads follow a full exchange) never fail and lose nothing; a
// node that forgets an element at the end, a read that lists an element twice and a read
// that invents one, a node that forgets an element mid-run are caught; and on small random
// histories every element's outcome and latency and the verdict agree with the definitions
// evaluated by brute force.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import {
  analyseSetFull,
  checkSetFull,
  type SetAdd,
  type SetElement,
  type SetFullInput,
  type SetRead,
} from "../../../shared/check/set-full.ts";
import type { Outcome } from "../../../harness/operation.ts";

const NODES = ["n1", "n2", "n3"];
const RUNS = 200;

type Step =
  | { kind: "add"; node: number; outcome: Outcome; applied: boolean; before: number; after: number }
  | { kind: "read"; node: number; before: number; after: number }
  | { kind: "gossip"; from: number; to: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    node: fc.nat(2),
    outcome: fc.constantFrom<Outcome>("ok", "ok", "ok", "info", "fail"),
    applied: fc.boolean(),
    before: fc.nat(5),
    after: fc.nat(5),
  }),
  fc.record({
    kind: fc.constant("read" as const),
    node: fc.nat(2),
    before: fc.nat(5),
    after: fc.nat(5),
  }),
  fc.record({ kind: fc.constant("gossip" as const), from: fc.nat(2), to: fc.nat(2) }),
);

/** Each step happens at its own instant; its operation's interval surrounds that instant. */
function simulate(steps: readonly Step[]): SetFullInput {
  const sets = NODES.map(() => new Set<SetElement>());
  const adds: SetAdd[] = [];
  const reads: SetRead[] = [];
  let now = 100;
  for (const s of steps) {
    now += 3;
    if (s.kind === "gossip") for (const e of sets[s.from]!) sets[s.to]!.add(e);
    else if (s.kind === "add") {
      const element = adds.length;
      const happens = s.outcome === "ok" || (s.outcome === "info" && s.applied);
      if (happens) sets[s.node]!.add(element);
      adds.push({
        id: adds.length + reads.length,
        element,
        node: NODES[s.node]!,
        outcome: s.outcome,
        startMs: now - s.before,
        endMs: s.outcome === "info" ? null : now + s.after,
      });
    } else
      reads.push({
        id: adds.length + reads.length,
        node: NODES[s.node]!,
        outcome: "ok",
        startMs: now - s.before,
        endMs: now + s.after,
        elements: [...sets[s.node]!],
        final: false,
      });
  }
  const all = new Set(sets.flatMap((s) => [...s]));
  NODES.forEach((node, k) =>
    reads.push({
      id: adds.length + reads.length,
      node,
      outcome: "ok",
      startMs: now + 50 + k,
      endMs: now + 60 + k,
      elements: [...all],
      final: true,
    }),
  );
  return { adds, reads, originMs: 0 };
}

const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 40 });

describe("set-full on a simulated correct gossip", () => {
  test("never violated, nothing lost, every ok add stable", () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const input = simulate(steps);
        const result = checkSetFull(input);
        assert.notEqual(result.status, "violated", result.message);
        const a = analyseSetFull(input);
        for (const add of input.adds.filter((x) => x.outcome === "ok"))
          assert.equal(a.elements.find((e) => e.element === add.element)?.outcome, "stable");
        if (input.adds.some((x) => x.outcome === "ok")) assert.equal(result.status, "holds");
      }),
      { numRuns: RUNS },
    );
  });

  test("a node whose final read forgets a known element: lost, named", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), fc.nat(2), (steps, pick, node) => {
        const input = simulate(steps);
        const known = input.adds.filter((x) => x.outcome === "ok");
        fc.pre(known.length > 0);
        const element = known[pick % known.length]!.element;
        const final = input.reads.filter((r) => r.final)[node]!;
        const reads = input.reads.map((r) =>
          r === final ? { ...r, elements: r.elements!.filter((e) => e !== element) } : r,
        );
        const result = checkSetFull({ ...input, reads });
        assert.equal(result.status, "violated");
        assert.match(
          result.message,
          new RegExp(`^${element} was lost.*final read at ${final.node}`),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test("a read listing an element twice, or one never added, is caught", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), fc.boolean(), (steps, pick, invent) => {
        const input = simulate(steps);
        const nonEmpty = input.reads.filter((r) => r.elements!.length > 0);
        fc.pre(nonEmpty.length > 0);
        const target = nonEmpty[pick % nonEmpty.length]!;
        const extra = invent ? "never-added" : target.elements![0]!;
        const reads = input.reads.map((r) =>
          r === target ? { ...r, elements: [...r.elements!, extra] } : r,
        );
        const result = checkSetFull({ ...input, reads });
        assert.equal(result.status, "violated");
        assert.match(result.message, invent ? /no add of it/ : /listed .* 2 times/);
      }),
      { numRuns: RUNS },
    );
  });
});

/** The definitions of the header comment, evaluated literally. */
function bruteForce(input: SetFullInput) {
  const reads = input.reads.filter((r) => r.outcome === "ok");
  const later = (a: SetRead, b: SetRead): boolean =>
    a.startMs > b.startMs || (a.startMs === b.startMs && a.id >= b.id);
  const finals = reads.filter((r) => r.final);
  const firstFinal = Math.min(...finals.map((r) => r.startMs));
  const has = (r: SetRead, e: SetElement): boolean => r.elements!.includes(e);
  const live = input.adds.filter((a) => a.outcome !== "fail");
  const elements = [...new Set(live.map((a) => a.element))].map((e) => {
    const known = Math.min(
      ...input.adds.filter((a) => a.element === e && a.outcome === "ok").map((a) => a.endMs!),
      ...reads.filter((r) => has(r, e)).map((r) => r.endMs!),
    );
    const lost = known < firstFinal && finals.some((r) => !has(r, e));
    const stable =
      !lost && reads.some((r) => has(r, e) && reads.every((x) => !later(x, r) || has(x, e)));
    const addedAt = Math.min(...live.filter((a) => a.element === e).map((a) => a.startMs));
    const lastMissing = Math.max(addedAt, ...reads.filter((r) => !has(r, e)).map((r) => r.startMs));
    return {
      e,
      outcome: lost ? "lost" : stable ? "stable" : "never-read",
      latency: stable ? lastMissing - addedAt : null,
    };
  });
  const unexpected = reads.some((r) =>
    r.elements!.some((e) => !live.some((a) => a.element === e && a.startMs < r.endMs!)),
  );
  const dup = reads.some((r) => new Set(r.elements).size !== r.elements!.length);
  const forgot = reads.some((r) =>
    [...new Set([...input.adds.map((a) => a.element), ...reads.flatMap((x) => x.elements!)])].some(
      (e) =>
        !has(r, e) &&
        (input.adds.some(
          (a) => a.element === e && a.node === r.node && a.outcome === "ok" && a.endMs! < r.startMs,
        ) ||
          reads.some((x) => x.node === r.node && has(x, e) && x.endMs! < r.startMs)),
    ),
  );
  const status =
    unexpected || dup || forgot || elements.some((x) => x.outcome === "lost")
      ? "violated"
      : finals.length === 0 || !elements.some((x) => x.outcome === "stable")
        ? "inconclusive"
        : "holds";
  return { elements, status };
}

describe("set-full: a node's own set only grows", () => {
  test("a mid-run read missing what its node already held is caught", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const input = simulate(steps);
        // A read whose node had completed an ok add of some element before the read began.
        const targets = input.reads.flatMap((r) =>
          r.final
            ? []
            : input.adds
                .filter((a) => a.node === r.node && a.outcome === "ok" && a.endMs! < r.startMs)
                .map((a) => ({ r, element: a.element })),
        );
        fc.pre(targets.length > 0);
        const { r, element } = targets[pick % targets.length]!;
        const reads = input.reads.map((x) =>
          x === r ? { ...x, elements: x.elements!.filter((e) => e !== element) } : x,
        );
        const result = checkSetFull({ ...input, reads });
        assert.equal(result.status, "violated");
        assert.match(result.message, /already held/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("set-full against brute force on small random histories", () => {
  const opArb = fc.record({
    start: fc.nat(20),
    duration: fc.nat(6),
    outcome: fc.constantFrom<Outcome>("ok", "ok", "info", "fail"),
    element: fc.nat(2),
    node: fc.nat(2),
    seen: fc.array(fc.nat(3), { maxLength: 4 }),
    final: fc.boolean(),
  });
  test("outcomes, latencies and the verdict agree", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 6 }),
        fc.array(opArb, { maxLength: 6 }),
        (addOps, readOps) => {
          const adds: SetAdd[] = addOps.map((o, id) => ({
            id,
            element: o.element,
            outcome: o.outcome,
            startMs: o.start,
            endMs: o.start + o.duration,
          }));
          const reads: SetRead[] = readOps.map((o, k) => ({
            id: 100 + k,
            node: NODES[o.node]!,
            outcome: o.outcome === "fail" ? "fail" : "ok",
            startMs: o.final ? 30 + o.start : o.start,
            endMs: (o.final ? 30 + o.start : o.start) + o.duration,
            elements: o.seen,
            final: o.final,
          }));
          const input = { adds, reads, originMs: 0 };
          const oracle = bruteForce(input);
          const got = analyseSetFull(input).elements;
          assert.deepEqual(
            got
              .map((x) => ({ e: x.element, outcome: x.outcome, latency: x.stableLatencyMs }))
              .sort((a, b) => Number(a.e) - Number(b.e)),
            oracle.elements.sort((a, b) => Number(a.e) - Number(b.e)),
          );
          assert.equal(checkSetFull(input).status, oracle.status);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
