// Property tests: histories that are linearizable by construction pass, the same
// histories with one injected stale read, lost write or doubled append fail, and on small
// random histories the checker agrees with a brute-force oracle.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import { casRegisterModel, checkOperations, kvModel } from "../../../shared/check/index.ts";
import type {
  CasRegisterInput,
  CasRegisterOutput,
  KvInput,
  KvOutput,
  Operation,
  Outcome,
} from "../../../shared/check/index.ts";
import { jointModel } from "../../../shared/check/linearizability/joint-model.ts";
import { searchPartition } from "../../../shared/check/linearizability/search.ts";
import type { Model } from "../../../shared/check/index.ts";
import { bruteForceLinearizable, mapSpec } from "./support/brute-force.ts";
import { simulate, stepArb, surelyStale, token } from "./support/simulate.ts";

const RUNS = 150;
const kvVerdict = (ops: Operation<KvInput, KvOutput>[]) => checkOperations(kvModel, ops).verdict;

describe("linearizable by construction", () => {
  test("random sequential histories", () => {
    const steps = fc.array(stepArb(["get", "put", "append"], 3, 2), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(steps, (s) => kvVerdict(simulate(s, undefined, true).ops) === "linearizable"),
      { numRuns: RUNS },
    );
  });

  test("histories of a correct concurrent simulation", () => {
    const steps = fc.array(stepArb(["get", "put", "append"], 5, 3), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(steps, (s) => kvVerdict(simulate(s).ops) === "linearizable"),
      { numRuns: RUNS },
    );
  });

  test("the same histories checked without per-key splitting", () => {
    const steps = fc.array(stepArb(["get", "put", "append"], 4, 3), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        steps,
        (s) =>
          checkOperations(kvModel, simulate(s).ops, { partition: false }).verdict ===
          "linearizable",
      ),
      { numRuns: RUNS },
    );
  });
});

describe("one injected fault makes them not linearizable", () => {
  const putGet = fc.array(stepArb(["get", "put"], 3, 2), { minLength: 6, maxLength: 40 });

  test("a stale read: a read returns a value overwritten before it began", () => {
    fc.assert(
      fc.property(putGet, fc.nat(), (steps, pick) => {
        const { ops } = simulate(steps);
        const candidates = ops.flatMap((read) =>
          read.input.f !== "get"
            ? []
            : ops
                .filter((w) => w.input.f === "put" && w.input.key === read.input.key)
                .map((w) => ({ read, output: { value: w.input.value!, found: true } }))
                .filter(({ output }) => surelyStale(ops, { ...read, output })),
        );
        fc.pre(candidates.length > 0);
        const { read, output } = candidates[pick % candidates.length]!;
        read.output = output;
        return kvVerdict(ops) === "not-linearizable";
      }),
      { numRuns: RUNS },
    );
  });

  test("a lost write: the store drops one acknowledged put", () => {
    fc.assert(
      fc.property(putGet, fc.nat(), (steps, pick) => {
        const puts = steps.flatMap((s, i) => (s.f === "put" ? [i] : []));
        fc.pre(puts.length > 0);
        const { ops } = simulate(steps, { kind: "lose", op: puts[pick % puts.length]! });
        fc.pre(ops.some((op) => surelyStale(ops, op)));
        return kvVerdict(ops) === "not-linearizable";
      }),
      { numRuns: RUNS },
    );
  });

  test("a doubled append: the store applies one append twice", () => {
    const appendGet = fc.array(stepArb(["get", "append"], 4, 2), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(appendGet, fc.nat(), (steps, pick) => {
        const appends = steps.flatMap((s, i) => (s.f === "append" ? [i] : []));
        fc.pre(appends.length > 0);
        const doubled = appends[pick % appends.length]!;
        const { ops } = simulate(steps, { kind: "double", op: doubled });
        const twice = token("append", doubled).repeat(2);
        fc.pre(ops.some((op) => op.output?.value.includes(twice)));
        return kvVerdict(ops) === "not-linearizable";
      }),
      { numRuns: RUNS },
    );
  });
});

describe("agrees with a brute-force oracle on small random histories", () => {
  const timing = fc.record({
    startMs: fc.integer({ min: 0, max: 12 }),
    durationMs: fc.integer({ min: 0, max: 8 }),
    outcome: fc.constantFrom<Outcome>("ok", "ok", "ok", "ok", "info", "fail"),
  });
  const value = fc.integer({ min: 0, max: 2 });
  const registerOp = fc.tuple(
    timing,
    fc.oneof(
      fc.record({ input: fc.constant<CasRegisterInput>({ f: "read" }), output: fc.option(value) }),
      fc.record({
        input: value.map<CasRegisterInput>((v) => ({ f: "write", value: v })),
        output: fc.constant(undefined),
      }),
      fc.record({
        input: fc
          .tuple(value, value)
          .map<CasRegisterInput>(([from, to]) => ({ f: "cas", from, to })),
        output: fc.boolean(),
      }),
    ),
  );
  const kvOp = fc.tuple(
    timing,
    fc.oneof(
      fc.record({
        input: fc.constantFrom("a", "b").map<KvInput>((key) => ({ f: "get", key })),
        output: fc.record({
          value: fc.constantFrom("", "x", "y", "xy", "yx"),
          found: fc.option(fc.boolean(), { nil: undefined }),
        }),
      }),
      fc.record({
        input: fc
          .tuple(
            fc.constantFrom<"put" | "append">("put", "append"),
            fc.constantFrom("a", "b"),
            fc.constantFrom("x", "y"),
          )
          .map<KvInput>(([f, key, v]) => ({ f, key, value: v })),
        output: fc.constant(undefined),
      }),
    ),
  );
  function build<I, O>(
    drawn: [
      { startMs: number; durationMs: number; outcome: Outcome },
      { input: I; output: O | null | undefined },
    ][],
  ): Operation<I, O>[] {
    return drawn.map(([t, op], id) => ({
      id,
      clientId: `c${id}`,
      input: op.input,
      output:
        t.outcome === "info" || op.output === null
          ? t.outcome === "info"
            ? undefined
            : (op.output as O)
          : op.output,
      callMs: t.startMs,
      returnMs: t.outcome === "info" ? null : t.startMs + t.durationMs,
      outcome: t.outcome,
    }));
  }

  /** Both candidate orders of the search, each on its own (checkOperations tries the
   * deferred one first and rarely needs the other on small histories). */
  function bothOrders<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[]): string[] {
    const checked = ops
      .filter((op) => op.outcome !== "fail")
      .map((op) => (op.outcome === "info" ? { ...op, output: undefined } : op));
    const bounds = {
      deadlineMs: Number.POSITIVE_INFINITY,
      maxCacheEntries: Number.POSITIVE_INFINITY,
      now: () => 0,
      heapUsedBytes: () => 0,
      heapBytesMax: Number.POSITIVE_INFINITY,
    };
    return [true, false].map((defer) => {
      const kind = searchPartition(model, checked, bounds, defer).kind;
      return kind === "illegal" ? "not-linearizable" : kind;
    });
  }

  test("cas-register", () => {
    fc.assert(
      fc.property(fc.array(registerOp, { minLength: 1, maxLength: 7 }), (drawn) => {
        const ops = build<CasRegisterInput, CasRegisterOutput>(drawn);
        const expected = bruteForceLinearizable(casRegisterModel, ops)
          ? "linearizable"
          : "not-linearizable";
        assert.equal(checkOperations(casRegisterModel, ops).verdict, expected);
      }),
      { numRuns: 400 },
    );
  });

  test("kv, split per key and whole", () => {
    fc.assert(
      fc.property(fc.array(kvOp, { minLength: 1, maxLength: 7 }), (drawn) => {
        const ops = build<KvInput, KvOutput>(drawn);
        const expected = bruteForceLinearizable(mapSpec, ops) ? "linearizable" : "not-linearizable";
        assert.equal(checkOperations(kvModel, ops).verdict, expected);
        assert.equal(checkOperations(kvModel, ops, { partition: false }).verdict, expected);
        assert.deepEqual(bothOrders(jointModel(kvModel, ops), ops), [expected, expected]);
      }),
      { numRuns: 400 },
    );
  });
});
