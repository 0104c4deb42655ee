// An independent oracle for small histories: tries every order that respects real time,
// and lets an info operation either happen somewhere or never. Exponential; for up to
// about 8 operations.
import { ILLEGAL, type Model, type Operation } from "../../../../shared/check/index.ts";
import type { KvInput, KvOutput } from "../../../../shared/check/index.ts";

export function bruteForceLinearizable<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
): boolean {
  const end = (op: Operation<I, O>): number =>
    op.outcome === "info" || op.returnMs === null ? Number.POSITIVE_INFINITY : op.returnMs;
  const search = (state: S, remaining: readonly Operation<I, O>[]): boolean => {
    if (remaining.length === 0) return true;
    return remaining.some((op, i) => {
      const rest = remaining.filter((_, j) => j !== i);
      if (op.outcome === "info" && search(state, rest)) return true;
      // op may come next only if nothing still to place had to come before it.
      if (rest.some((other) => end(other) < op.callMs)) return false;
      const next = model.step(state, op.input, op.output);
      return next !== ILLEGAL && search(next, rest);
    });
  };
  return search(
    model.init(),
    ops.filter((op) => op.outcome !== "fail"),
  );
}

/** The whole map as one plain state, written independently of the kv model: the oracle
 * must not rely on splitting per key to judge the checker's splitting. */
export const mapSpec: Model<Readonly<Record<string, string>>, KvInput, KvOutput> = {
  name: "map",
  init: () => ({}),
  step(state, input, output) {
    const held = state[input.key];
    if (input.f === "get") {
      if (output === undefined) return state;
      const found = held !== undefined;
      return output.value === (held ?? "") && (output.found ?? found) === found ? state : ILLEGAL;
    }
    const value = input.f === "put" ? input.value! : (held ?? "") + input.value!;
    return { ...state, [input.key]: value };
  },
  describeOperation: (input) => input.f,
  describeState: (state) => JSON.stringify(state),
};
