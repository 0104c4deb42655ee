// Histories made by running clients against a simulated atomic store: each operation takes
// effect at one instant inside its interval, so the history is linearizable unless a bug is
// injected (a dropped write, a doubled append). Values are unique tokens, so which write a
// read saw is never ambiguous.
import fc from "fast-check";
import type { KvInput, KvOutput, Operation } from "../../../../shared/check/index.ts";

export interface Step {
  client: number;
  f: "get" | "put" | "append";
  key: number;
  /** Pause before the call, duration, and where inside the interval it takes effect. */
  gapMs: number;
  durationMs: number;
  effectShare: number;
}

export type Bug = { kind: "none" } | { kind: "lose"; op: number } | { kind: "double"; op: number };

export interface Simulated {
  ops: Operation<KvInput, KvOutput>[];
  /** When each operation took effect in the store. */
  effectMs: number[];
}

export const stepArb = (
  fs: readonly Step["f"][],
  clients: number,
  keys: number,
): fc.Arbitrary<Step> =>
  fc.record({
    client: fc.integer({ min: 0, max: clients - 1 }),
    f: fc.constantFrom(...fs),
    key: fc.integer({ min: 0, max: keys - 1 }),
    gapMs: fc.integer({ min: 0, max: 6 }),
    durationMs: fc.integer({ min: 2, max: 12 }),
    effectShare: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  });

export const token = (f: Step["f"], id: number): string => `[${f === "put" ? "p" : "a"}${id}]`;

/** `sequential`: every operation starts after the previous one ended, on one timeline. */
export function simulate(
  steps: readonly Step[],
  bug: Bug = { kind: "none" },
  sequential = false,
): Simulated {
  const clock = new Map<number, number>();
  let globalMs = 0;
  const ops: Operation<KvInput, KvOutput>[] = steps.map((s, id) => {
    const startMs = (sequential ? globalMs : (clock.get(s.client) ?? 0)) + s.gapMs;
    const endMs = startMs + s.durationMs;
    clock.set(s.client, endMs);
    globalMs = endMs + 1;
    const key = `k${s.key}`;
    const input: KvInput =
      s.f === "get" ? { f: "get", key } : { f: s.f, key, value: token(s.f, id) };
    return {
      id,
      clientId: `c${s.client}`,
      input,
      output: undefined,
      callMs: startMs,
      returnMs: endMs,
      outcome: "ok",
    };
  });
  const effectMs = ops.map(
    (op, i) => op.callMs + steps[i]!.effectShare * (op.returnMs! - op.callMs),
  );
  const store = new Map<string, string>();
  for (const i of ops.map((_, i) => i).sort((a, b) => effectMs[a]! - effectMs[b]! || a - b)) {
    const { input } = ops[i]!;
    const held = store.get(input.key);
    if (input.f === "get") ops[i]!.output = { value: held ?? "", found: held !== undefined };
    else if (bug.kind === "lose" && bug.op === i) continue;
    else if (input.f === "put") store.set(input.key, input.value!);
    else
      store.set(
        input.key,
        (held ?? "") + input.value! + (bug.kind === "double" && bug.op === i ? input.value! : ""),
      );
  }
  return { ops, effectMs };
}

/** A read that surely saw an overwritten value: it returned `a`, whose only write ended
 * before another write to the key began, which itself ended before the read began. For
 * put-only workloads, where a value is exactly one put's token. */
export function surelyStale(
  ops: readonly Operation<KvInput, KvOutput>[],
  read: Operation<KvInput, KvOutput>,
): boolean {
  const seen = read.output;
  if (read.input.f !== "get" || seen === undefined) return false;
  const writes = ops.filter((op) => op.input.f === "put" && op.input.key === read.input.key);
  const before = (a: Operation<KvInput, KvOutput>, b: Operation<KvInput, KvOutput>) =>
    a.returnMs! < b.callMs;
  if (!seen.found) return writes.some((w) => before(w, read));
  const source = writes.find((w) => w.input.value === seen.value);
  return !!source && writes.some((w) => w !== source && before(source, w) && before(w, read));
}
