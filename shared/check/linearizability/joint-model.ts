// With per-key splitting turned off, a model that has keys is checked as the product of
// one copy per key: the state holds every key's state (copied on write, reads share it)
// and a hash kept up to date from the per-key hashes, so the memo still works.
import { mix32 } from "./mix32.ts";
import { ILLEGAL, type Illegal, type Model, type Operation } from "./types.ts";

export interface JointState<S> {
  readonly parts: readonly S[];
  readonly hash: number;
}

export function jointModel<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
): Model<JointState<S>, I, O> {
  const keyOf = model.partitionKey!;
  const keys = [...new Set(ops.map((op) => keyOf(op.input)))];
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  const innerHash = model.hash ?? (() => 0);
  const innerEqual = model.equal ?? ((a: S, b: S) => a === b);
  const share = (i: number, s: S): number => mix32(innerHash(s) + Math.imul(i + 1, 0x9e3779b1));
  const init = (): JointState<S> => {
    const parts = keys.map(() => model.init());
    return { parts, hash: parts.reduce((h, s, i) => (h + share(i, s)) | 0, 0) };
  };
  return {
    name: model.name,
    init,
    step(state, input, output): JointState<S> | Illegal {
      const i = indexOf.get(keyOf(input))!;
      const before = state.parts[i]!;
      const after = model.step(before, input, output);
      if (after === ILLEGAL) return ILLEGAL;
      if (after === before) return state;
      const parts = state.parts.slice();
      parts[i] = after;
      return { parts, hash: (state.hash - share(i, before) + share(i, after)) | 0 };
    },
    equal: (a, b) =>
      a === b || (a.hash === b.hash && a.parts.every((s, i) => innerEqual(s, b.parts[i]!))),
    hash: (state) => state.hash,
    ...(model.readOnly ? { readOnly: model.readOnly } : {}),
    ...(model.unobserved ? { unobserved: (all) => perKey(model, all) } : {}),
    describeOperation: (input, output) => model.describeOperation(input, output),
    describeState: (state) =>
      `{${keys.map((key, i) => `${key}: ${model.describeState(state.parts[i]!)}`).join(", ")}}`,
  };
}

/** The inner model's `unobserved`, asked one key at a time. */
function perKey<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[]): boolean[] {
  const flags = new Array<boolean>(ops.length).fill(false);
  const byKey = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const key = model.partitionKey!(op.input);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  for (const indices of byKey.values()) {
    const answer = model.unobserved!(indices.map((i) => ops[i]!));
    indices.forEach((i, k) => (flags[i] = answer[k]!));
  }
  return flags;
}
