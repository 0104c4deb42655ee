// Last-writer-wins: on tiny histories the candidate winners and whether the key may end
// absent agree exactly with a brute force over apply instants, clock offsets, HLC stamps and
// merges, with physical and with hybrid clocks; and the checker words the violations: a
// converged value that cannot be last, final reads that disagree, a value never written.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import {
  candidateWinners,
  checkLwwMap,
  keyHistory,
  mayBeAbsent,
  type LwwOp,
} from "../../../shared/check/lww-map.ts";
import type { Outcome } from "../../../harness/operation.ts";
import { lwwOracle, lwwOracleSize } from "./support/lww-oracle.ts";

const NODES = ["n1", "n2"];
/** Executions the oracle may try for one history: keeps each property under ~10 s. */
const ORACLE_BUDGET = 100_000;

const writeArb = fc.record({
  f: fc.constantFrom("put" as const, "put" as const, "delete" as const),
  node: fc.nat(1),
  outcome: fc.constantFrom<Outcome>("ok", "ok", "ok", "info", "fail"),
  slot: fc.nat(4),
  length: fc.nat(2),
});
const getArb = fc.record({ node: fc.nat(1), slot: fc.nat(4), length: fc.nat(2), reads: fc.nat(3) });

/**
 * Invocations on multiples of 8, completions 4 past one, skews of 0 or 8: no bound in a rule
 * falls on an instant, and the oracle's grid of 2 has room between any two of them.
 */
function tinyHistory(writes: WriteSpec[], gets: GetSpec[]): LwwOp[] {
  const ops: LwwOp[] = writes.map((w, id) => ({
    id,
    f: w.f,
    key: "k",
    ...(w.f === "put" ? { value: `v${id}` } : {}),
    node: NODES[w.node]!,
    outcome: w.outcome,
    startMs: w.slot * 8,
    endMs: w.slot * 8 + w.length * 8 + 4,
  }));
  gets.forEach((g) => {
    const seen = ops[g.reads];
    ops.push({
      id: ops.length,
      f: "get",
      key: "k",
      ...(seen?.f === "put" ? { value: seen.value } : {}),
      node: NODES[g.node]!,
      outcome: "ok",
      startMs: g.slot * 8,
      endMs: g.slot * 8 + g.length * 8 + 4,
    });
  });
  return ops;
}
type WriteSpec = {
  f: "put" | "delete";
  node: number;
  outcome: Outcome;
  slot: number;
  length: number;
};
type GetSpec = { node: number; slot: number; length: number; reads: number };

describe("last-writer-wins rules against brute force", () => {
  for (const hybridClocks of [false, true])
    test(`candidate winners and absence agree (${hybridClocks ? "hybrid" : "physical"} clocks)`, () => {
      fc.assert(
        fc.property(
          fc.array(writeArb, { minLength: 1, maxLength: 3 }),
          fc.array(getArb, { maxLength: 1 }),
          fc.constantFrom(0, 8),
          (writes, gets, skewMs) => {
            const ops = tinyHistory(writes, gets);
            fc.pre(lwwOracleSize(ops, skewMs, hybridClocks) <= ORACLE_BUDGET);
            const oracle = lwwOracle(ops, NODES, skewMs, hybridClocks);
            // A get that no execution explains is the mid-run rule's business, not this one's.
            fc.pre(oracle.winners.size > 0 || oracle.absent);
            const h = keyHistory(ops);
            const opts = { skewMs, hybridClocks };
            assert.deepEqual(
              candidateWinners(h, opts)
                .map((w) => w.id)
                .sort(),
              [...oracle.winners].sort(),
            );
            assert.equal(mayBeAbsent(h, opts), oracle.absent);
          },
        ),
        { numRuns: hybridClocks ? 100 : 200 },
      );
    });

  // Random histories seldom put a get just before a write at its node within the skew: here
  // every history does, so the hybrid rule (2) through a get decides.
  test("a write after a get at its node, within the skew: agree with both clocks", () => {
    fc.assert(
      fc.property(
        fc.nat(1),
        fc.nat(1),
        writeArb,
        fc.boolean(),
        (getSlot, getLength, extra, hybridClocks) => {
          const getEnd = getSlot * 8 + getLength * 8 + 4;
          const writes: WriteSpec[] = [
            { f: "put", node: 0, outcome: "ok", slot: 0, length: 0 },
            { f: "put", node: 1, outcome: "ok", slot: (getEnd + 4) / 8, length: 0 },
            extra,
          ];
          const ops = tinyHistory(writes, [
            { node: 1, slot: getSlot, length: getLength, reads: 0 },
          ]);
          const oracle = lwwOracle(ops, NODES, 8, hybridClocks);
          const h = keyHistory(ops);
          const opts = { skewMs: 8, hybridClocks };
          assert.deepEqual(
            candidateWinners(h, opts)
              .map((w) => w.id)
              .sort(),
            [...oracle.winners].sort(),
          );
          assert.equal(mayBeAbsent(h, opts), oracle.absent);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("checkLwwMap evidence", () => {
  const op = (
    o: Partial<LwwOp> & Pick<LwwOp, "id" | "f" | "node" | "startMs" | "endMs">,
  ): LwwOp => ({
    key: "k",
    outcome: "ok",
    ...o,
  });
  const opts = { skewMs: 100, hybridClocks: true };

  test("a write completed more than the skew before another was invoked cannot win", () => {
    const ops = [
      op({ id: 1, f: "put", value: "old", node: "n1", startMs: 0, endMs: 10 }),
      op({ id: 2, f: "put", value: "new", node: "n2", startMs: 200, endMs: 210 }),
      op({ id: 3, f: "get", value: "old", node: "n1", startMs: 500, endMs: 510, final: true }),
      op({ id: 4, f: "get", value: "old", node: "n2", startMs: 500, endMs: 510, final: true }),
    ];
    const result = checkLwwMap(ops, opts, 0);
    assert.equal(result.status, "violated");
    assert.match(
      result.message,
      /cannot be the last write: it completed more than the 100 ms skew bound/,
    );
    const within = ops.map((o) => (o.id === 2 ? { ...o, startMs: 105 } : o));
    assert.equal(checkLwwMap(within, opts, 0).status, "holds");
  });

  test("with hybrid clocks, a write after a get that served the old value wins", () => {
    const ops = [
      op({ id: 1, f: "put", value: "old", node: "n1", startMs: 0, endMs: 10 }),
      op({ id: 2, f: "get", value: "old", node: "n2", startMs: 20, endMs: 30 }),
      op({ id: 3, f: "put", value: "new", node: "n2", startMs: 40, endMs: 50 }),
      op({ id: 4, f: "get", value: "old", node: "n1", startMs: 500, endMs: 510, final: true }),
    ];
    assert.match(checkLwwMap(ops, opts, 0).message, /n2 had served it in a get/);
    assert.equal(checkLwwMap(ops, { ...opts, hybridClocks: false }, 0).status, "holds");
  });

  test("final reads that disagree, and a value never written, are named", () => {
    const put = op({ id: 1, f: "put", value: "a", node: "n1", startMs: 0, endMs: 10 });
    const final = (id: number, node: string, value?: string): LwwOp =>
      op({
        id,
        f: "get",
        node,
        startMs: 500,
        endMs: 510,
        final: true,
        ...(value ? { value } : {}),
      });
    assert.match(
      checkLwwMap([put, final(2, "n1", "a"), final(3, "n2")], opts, 0).message,
      /disagree/,
    );
    assert.match(
      checkLwwMap([put, final(2, "n1", "zz"), final(3, "n2", "zz")], opts, 0).message,
      /no put/,
    );
    assert.match(checkLwwMap([put, final(2, "n1"), final(3, "n2")], opts, 0).message, /absent/);
    assert.equal(checkLwwMap([put], opts, 0).status, "inconclusive");
  });
});
