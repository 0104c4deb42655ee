// Add-wins set: on tiny histories each rule (what a read may show, must show, what the
// converged set must and must not hold) agrees exactly with a brute force over every
// execution the model allows; a simulated correct OR-set with partitions never fails; a set
// whose removes delete unseen tags (remove-wins) or whose merge forgets removes
// (resurrection) is caught.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import {
  checkOrSet,
  opsOf,
  removalsOfEvery,
  showableAdd,
  survivingAdd,
  unremovableAdd,
  type OrSetOp,
} from "../../../shared/check/or-set.ts";
import type { Outcome } from "../../../harness/operation.ts";
import { orSetOracle } from "./support/or-set-oracle.ts";

const NODES = ["n1", "n2"];

const opArb = fc.record({
  f: fc.constantFrom("add" as const, "add" as const, "remove" as const),
  node: fc.nat(1),
  outcome: fc.constantFrom<Outcome>("ok", "ok", "info", "fail"),
  slot: fc.nat(6),
  length: fc.nat(4),
});
const readArb = fc.record({ node: fc.nat(1), slot: fc.nat(6), length: fc.nat(4) });

type EffectSpec = {
  f: "add" | "remove";
  node: number;
  outcome: Outcome;
  slot: number;
  length: number;
};

/** Every invocation and completion at its own instant: starts are k, ends k + 10, modulo 20. */
function tinyHistory(
  effects: EffectSpec[],
  reads: { node: number; slot: number; length: number }[],
): OrSetOp[] {
  const all = [
    ...effects.map((o) => ({ ...o, f: o.f as OrSetOp["f"] })),
    ...reads.map((r) => ({ ...r, f: "read" as const, outcome: "ok" as Outcome })),
  ];
  return all.map((o, k) => {
    const startMs = o.slot * 20 + k;
    return {
      id: k,
      f: o.f,
      node: NODES[o.node]!,
      ...(o.f === "read" ? { elements: [] } : { element: "x" }),
      outcome: o.outcome,
      startMs,
      endMs: startMs + o.length * 20 + 10,
    };
  });
}

describe("add-wins rules against brute force", () => {
  test("reads and the converged set: possible exactly when some execution allows it", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 4 }),
        fc.array(readArb, { maxLength: 2 }),
        (effects, readSpecs) => {
          const ops = tinyHistory(effects, readSpecs);
          const oracle = orSetOracle(ops, "x");
          const of = opsOf(ops, "x");
          for (const r of ops.filter((o) => o.f === "read")) {
            const possible = oracle.reads.get(r.id)!;
            assert.equal(showableAdd(of, r) !== null, possible.show, `may show: read #${r.id}`);
            assert.equal(unremovableAdd(of, r) === null, possible.lack, `may lack: read #${r.id}`);
          }
          assert.equal(removalsOfEvery(of) === null, oracle.final.show, "converged may hold it");
          assert.equal(survivingAdd(of) === null, oracle.final.lack, "converged may lack it");
        },
      ),
      { numRuns: 2000 },
    );
  });
});

type SimStep =
  | {
      kind: "add" | "remove";
      node: number;
      element: number;
      outcome: Outcome;
      applied: boolean;
      before: number;
      after: number;
    }
  | { kind: "read"; node: number; before: number; after: number }
  | { kind: "gossip"; from: number; to: number };

type Flaw = "none" | "merge-forgets-removes" | "remove-wins";

/**
 * A tag-based OR-set on two nodes: adds make fresh tags, removes tombstone the tags their
 * node holds, gossip merges tags and tombstones. The flaws: a merge that copies tags but
 * not tombstones; a remove that also tombstones tags its node has not seen yet.
 */
function simulateOrSet(steps: readonly SimStep[], flaw: Flaw = "none"): OrSetOp[] {
  const tags = [0, 1].map(() => new Map<number, number>()); // tag → element
  const dead = [0, 1].map(() => new Set<number>());
  const removedElements = [0, 1].map(() => new Set<number>());
  const ops: OrSetOp[] = [];
  const live = (n: number): number[] => [
    ...new Set(
      [...tags[n]!]
        .filter(
          ([t, e]) =>
            !dead[n]!.has(t) && !(flaw === "remove-wins" && removedElements[n]!.has(e) && t < 0),
        )
        .map(([, e]) => e),
    ),
  ];
  let now = 100;
  for (const s of steps) {
    now += 3;
    if (s.kind === "gossip") {
      simulateGossip(tags, dead, removedElements, s.from % 2, s.to % 2, flaw);
      continue;
    }
    const base = { id: ops.length, node: NODES[s.node % 2]!, startMs: now - s.before };
    if (s.kind === "read") {
      ops.push({
        ...base,
        f: "read",
        outcome: "ok",
        endMs: now + s.after,
        elements: live(s.node % 2),
      });
      continue;
    }
    const n = s.node % 2;
    if (s.outcome === "ok" || (s.outcome === "info" && s.applied)) {
      if (s.kind === "add") tags[n]!.set(ops.length, s.element);
      else {
        for (const [t, e] of tags[n]!) if (e === s.element) dead[n]!.add(t);
        if (flaw === "remove-wins") removedElements[n]!.add(s.element);
      }
    }
    ops.push({
      ...base,
      f: s.kind,
      element: s.element,
      outcome: s.outcome,
      endMs: s.outcome === "info" ? null : now + s.after,
    });
  }
  now += 50;
  for (let round = 0; round < 2; round++)
    for (const from of [0, 1])
      for (const to of [0, 1]) simulateGossip(tags, dead, removedElements, from, to, flaw);
  [0, 1].forEach((n) =>
    ops.push({
      id: ops.length,
      node: NODES[n]!,
      f: "read",
      outcome: "ok",
      startMs: now + n,
      endMs: now + 5 + n,
      elements: live(n),
      final: true,
    }),
  );
  return ops;
}

function simulateGossip(
  tags: Map<number, number>[],
  dead: Set<number>[],
  removedElements: Set<number>[],
  from: number,
  to: number,
  flaw: Flaw,
): void {
  for (const [t, e] of tags[from]!) tags[to]!.set(t, e);
  if (flaw !== "merge-forgets-removes") for (const t of dead[from]!) dead[to]!.add(t);
  if (flaw === "remove-wins")
    for (const e of removedElements[from]!) {
      removedElements[to]!.add(e);
      for (const [t, x] of tags[to]!) if (x === e) dead[to]!.add(t);
    }
}

const simStepArb: fc.Arbitrary<SimStep> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("add" as const, "remove" as const),
    node: fc.nat(1),
    element: fc.nat(1),
    outcome: fc.constantFrom<Outcome>("ok", "ok", "ok", "info", "fail"),
    applied: fc.boolean(),
    before: fc.nat(4),
    after: fc.nat(4),
  }),
  fc.record({
    kind: fc.constant("read" as const),
    node: fc.nat(1),
    before: fc.nat(4),
    after: fc.nat(4),
  }),
  fc.record({ kind: fc.constant("gossip" as const), from: fc.nat(1), to: fc.nat(1) }),
);

describe("add-wins set on a simulated OR-set", () => {
  test("a correct OR-set is never violated", () => {
    fc.assert(
      fc.property(fc.array(simStepArb, { maxLength: 40 }), (steps) => {
        const result = checkOrSet({ ops: simulateOrSet(steps), originMs: 0 });
        assert.notEqual(
          result.status,
          "violated",
          `${result.message}\n${result.excerpt?.join("\n")}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  const at = (node: number, kind: "add" | "remove", element = 0): SimStep => ({
    kind,
    node,
    element,
    outcome: "ok",
    applied: true,
    before: 1,
    after: 1,
  });
  const gossip = (from: number, to: number): SimStep => ({ kind: "gossip", from, to });

  test("a merge that forgets removes resurrects an element: caught in the converged set", () => {
    const steps = [at(0, "add"), gossip(0, 1), at(0, "remove")];
    assert.equal(checkOrSet({ ops: simulateOrSet(steps), originMs: 0 }).status, "holds");
    const result = checkOrSet({ ops: simulateOrSet(steps, "merge-forgets-removes"), originMs: 0 });
    assert.equal(result.status, "violated");
    assert.match(result.message, /resurrected/);
  });

  test("a remove that deletes an add it never saw (remove wins) is caught", () => {
    const steps = [at(1, "remove"), at(0, "add"), gossip(1, 0)];
    const result = checkOrSet({ ops: simulateOrSet(steps, "remove-wins"), originMs: 0 });
    assert.equal(result.status, "violated");
    assert.match(result.message, /add wins/);
  });
});
