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
      fc.property(fc.nat(2), writeArb, (slot, extra) => {
        // put v0 at n1, a get at n2 returns it, then n2 writes 4 ms after the get: inside the skew.
        const writes: WriteSpec[] = [
          { f: "put", node: 0, outcome: "ok", slot, length: 0 },
          { f: "put", node: 1, outcome: "ok", slot: slot + 1, length: 0 },
          extra,
        ];
        const ops = tinyHistory(writes, [{ node: 1, slot, length: 0, reads: 0 }]);
        for (const hybridClocks of [false, true]) {
          fc.pre(lwwOracleSize(ops, 8, hybridClocks) <= ORACLE_BUDGET);
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
        }
      }),
      { numRuns: 30 },
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

type SimStep =
  | { kind: "put" | "delete"; node: number; key: number; outcome: Outcome; applied: boolean }
  | { kind: "get"; node: number; key: number }
  | { kind: "gossip"; from: number; to: number };
type Flaw = "none" | "arrival-wins" | "own-write-unseen";
type Stamp = [number, number, number];

const simStepArb: fc.Arbitrary<SimStep> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("put" as const, "put" as const, "delete" as const),
    node: fc.nat(2),
    key: fc.nat(1),
    outcome: fc.constantFrom<Outcome>("ok", "ok", "ok", "info", "fail"),
    applied: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("get" as const), node: fc.nat(2), key: fc.nat(1) }),
  fc.record({ kind: fc.constant("gossip" as const), from: fc.nat(2), to: fc.nat(2) }),
);

/**
 * A last-writer-wins map on three nodes whose clocks read anywhere in a band of `skewMs`
 * at every reading, stamping with an HLC or the bare clock; gossip ships whole states.
 * Flaws: a merge that takes whatever arrives; a node that does not apply its own writes.
 */
function simulateLww(
  steps: readonly SimStep[],
  skewMs: number,
  hybrid: boolean,
  jitter: number[],
  flaw: Flaw = "none",
): LwwOp[] {
  const nodes = ["n1", "n2", "n3"];
  const store = nodes.map(() => new Map<string, { value?: string; stamp: Stamp }>());
  const clock = nodes.map((): [number, number] => [0, 0]);
  const ops: LwwOp[] = [];
  let now = 1000;
  let reading = 0;
  const physical = (): number => now + (jitter[reading++ % jitter.length]! % (skewMs + 1));
  const tick = (n: number, seen?: Stamp): Stamp => {
    const pt = physical();
    if (!hybrid) return [pt, 0, n];
    const [l, c] = clock[n]!;
    const top = Math.max(l, pt, seen?.[0] ?? 0);
    const next =
      top === l && seen && top === seen[0]
        ? Math.max(c, seen[1]) + 1
        : top === l
          ? c + 1
          : seen && top === seen[0]
            ? seen[1] + 1
            : 0;
    clock[n] = [top, next];
    return [top, next, n];
  };
  const newer = (a: Stamp, b: Stamp): boolean =>
    a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
  const gossip = (from: number, to: number): void => {
    for (const [key, entry] of store[from]!) {
      const mine = store[to]!.get(key);
      if (flaw === "arrival-wins" || !mine || newer(entry.stamp, mine.stamp))
        store[to]!.set(key, entry);
      if (hybrid) tick(to, entry.stamp);
    }
  };
  for (const s of steps) {
    now += 10;
    if (s.kind === "gossip") {
      gossip(s.from, s.to);
      continue;
    }
    const key = `k${s.key}`;
    const base = { id: ops.length, key, node: nodes[s.node]!, startMs: now - 3, endMs: now + 3 };
    if (s.kind === "get") {
      ops.push({
        ...base,
        f: "get",
        outcome: "ok",
        ...(store[s.node]!.get(key)?.value !== undefined
          ? { value: store[s.node]!.get(key)!.value }
          : {}),
      });
      continue;
    }
    const value = s.kind === "put" ? `v${ops.length}` : undefined;
    if (
      (s.outcome === "ok" || (s.outcome === "info" && s.applied)) &&
      flaw !== "own-write-unseen"
    ) {
      const stamp = tick(s.node);
      const mine = store[s.node]!.get(key);
      if (!mine || newer(stamp, mine.stamp))
        store[s.node]!.set(key, { ...(value ? { value } : {}), stamp });
    }
    ops.push({
      ...base,
      f: s.kind,
      ...(value ? { value } : {}),
      outcome: s.outcome,
      ...(s.outcome === "info" ? { endMs: null } : {}),
    });
  }
  now += 100;
  for (let round = 0; round < 2; round++)
    for (const from of [0, 1, 2]) for (const to of [0, 1, 2]) if (from !== to) gossip(from, to);
  now += 100;
  for (const key of ["k0", "k1"])
    nodes.forEach((node, n) => {
      const value = store[n]!.get(key)?.value;
      ops.push({
        id: ops.length,
        f: "get",
        key,
        node,
        outcome: "ok",
        startMs: now,
        endMs: now + 5,
        final: true,
        ...(value !== undefined ? { value } : {}),
      });
    });
  return ops;
}

describe("last-writer-wins on a simulated map", () => {
  for (const hybridClocks of [false, true])
    test(`a correct map is never violated (${hybridClocks ? "hybrid" : "physical"} clocks)`, () => {
      fc.assert(
        fc.property(
          fc.array(simStepArb, { maxLength: 40 }),
          fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
          fc.constantFrom(0, 15, 40),
          (steps, jitter, skewMs) => {
            const result = checkLwwMap(
              simulateLww(steps, skewMs, hybridClocks, jitter),
              { skewMs, hybridClocks },
              0,
            );
            assert.notEqual(
              result.status,
              "violated",
              `${result.message}\n${result.excerpt?.join("\n")}`,
            );
          },
        ),
        { numRuns: 300 },
      );
    });

  const put = (node: number, key = 0): SimStep => ({
    kind: "put",
    node,
    key,
    outcome: "ok",
    applied: true,
  });
  const get = (node: number, key = 0): SimStep => ({ kind: "get", node, key });
  const gossip = (from: number, to: number): SimStep => ({ kind: "gossip", from, to });
  const wait = (n: number): SimStep[] => Array.from({ length: n }, () => get(2, 1));

  test("a merge that takes whatever arrives is caught", () => {
    const steps = [put(0), ...wait(5), put(1), gossip(1, 0), gossip(0, 1)];
    const opts = { skewMs: 10, hybridClocks: true };
    assert.equal(checkLwwMap(simulateLww(steps, 10, true, [0]), opts, 0).status, "holds");
    // n1's older write reaches n2 last, and n2 keeps it.
    const flawed = [put(0), ...wait(5), put(1), gossip(0, 1)];
    const result = checkLwwMap(simulateLww(flawed, 10, true, [0], "arrival-wins"), opts, 0);
    assert.equal(result.status, "violated");
  });

  test("a node that does not see its own write is caught by a stale-proof mid-run get", () => {
    const steps = [put(0), ...wait(5), put(1), gossip(1, 0), ...wait(5), put(0), get(0)];
    const opts = { skewMs: 10, hybridClocks: true };
    const result = checkLwwMap(simulateLww(steps, 10, true, [0], "own-write-unseen"), opts, 0);
    assert.equal(result.status, "violated");
    assert.match(result.message, /already held that write/);
  });
  test("a get showing a held write that another held write outranks is caught", () => {
    // n2 read n1's v1, then wrote v2 more than the skew bound later, then showed v1 again.
    const op = (id: number, f: LwwOp["f"], node: string, at: number, value?: string): LwwOp => ({
      id,
      f,
      key: "k",
      ...(value === undefined ? {} : { value }),
      node,
      outcome: "ok",
      startMs: at,
      endMs: at + 1,
    });
    const opts = { skewMs: 10, hybridClocks: false };
    const history = [op(1, "put", "n1", 0, "v1"), op(2, "get", "n2", 2, "v1")];
    history.push(op(3, "put", "n2", 100, "v2"));
    const fine = checkLwwMap([...history, op(4, "get", "n2", 200, "v2")], opts, 0);
    assert.notEqual(fine.status, "violated", fine.message);
    const result = checkLwwMap([...history, op(4, "get", "n2", 200, "v1")], opts, 0);
    assert.equal(result.status, "violated");
    assert.match(result.message, /returned "v1", which cannot outrank put k "v2"/);
  });
});
