// The checker's data: operations as clients saw them, the model they are judged against,
// and the three-valued verdict with its evidence. The search, the explanation and the
// HTML picture share only these values.

/** ok: took effect once; fail: surely did not happen; info: may have happened. */
export type Outcome = "ok" | "fail" | "info";

export interface Operation<I, O> {
  /** The caller's id for this operation; evidence refers to operations by it. */
  id: number;
  clientId: string;
  input: I;
  /** What the client was told; undefined when it was told nothing (info, timed out). */
  output: O | undefined;
  callMs: number;
  /** null: still open. An info operation stays open to the end of the history whatever
   * this says, because it may take effect at any later time. */
  returnMs: number | null;
  outcome: Outcome;
}

/** Returned by `Model.step` when the operation cannot have produced its output from the state. */
export const ILLEGAL: unique symbol = Symbol("illegal");
export type Illegal = typeof ILLEGAL;

/**
 * A sequential specification, as a record of pure functions. `step` is deterministic and
 * allocation-free where it can be: the search calls it millions of times. Nondeterminism
 * from lost answers is expressed by the history (an info operation stays open, an
 * undefined output is unconstrained), not by the model.
 */
export interface Model<S, I, O> {
  readonly name: string;
  init(): S;
  /** The state after the operation, or ILLEGAL when it could not answer `output` from
   * `state`. `output` undefined means the answer is unknown: any answer is acceptable, so
   * the step must then be legal from every state. */
  step(state: S, input: I, output: O | undefined): S | Illegal;
  /** State equality for the memo table; `===` when absent (right for primitive states). */
  equal?(a: S, b: S): boolean;
  /** A 32-bit hash of the state, consistent with `equal`, mixed into the memo key so
   * that one linearized set reached in many states (concurrent appends in different
   * orders) does not make a long chain. Absent: every state of a set shares a chain. */
  hash?(state: S): number;
  /** True when every legal step of this operation leaves the state as it was (a read, a
   * cas whose compare failed). Such an operation, once legal, is linearized at once and
   * never tried later instead: moving it earlier breaks no order and changes no state.
   * Absent: no operation is treated so (correct, slower). */
  readOnly?(input: I, output: O | undefined): boolean;
  /** Open operations the check may leave out, given the partition's operations: those no
   * answer can depend on (for kv, a put or append whose value no get returned). Leaving
   * them out keeps the verdict and spares the search from placing them everywhere.
   * Returns one flag per operation. Absent: none is left out. */
  unobserved?(ops: readonly Operation<I, O>[]): boolean[];
  /** P-compositionality: operations on different keys are checked separately. Absent:
   * the whole history is one partition. */
  partitionKey?(input: I): string;
  describeOperation(input: I, output: O | undefined): string;
  describeState(state: S): string;
  /** For explanations only: the state a read-like operation reports having seen. */
  observed?(input: I, output: O | undefined): S | undefined;
  /** For explanations only: the state a write-like operation leaves whatever came before. */
  installs?(input: I, output: O | undefined): S | undefined;
}

export type Verdict = "linearizable" | "not-linearizable" | "unknown";

export interface CheckOptions {
  /** Wall-clock bound for the whole check; the verdict is unknown past it. */
  timeoutMs?: number;
  /** Memo table bound per partition, in entries; the verdict is unknown past it. */
  maxCacheEntries?: number;
  /** JS heap bound in bytes (default: a share of V8's heap limit); unknown past it. */
  maxHeapBytes?: number;
  /** Split per key when the model allows (default true). */
  partition?: boolean;
  /** How explanations name a moment ("12.400 s" by default, "line 12" for logs). */
  describeTime?: (ms: number) => string;
  /** The clock, in ms (default `performance.now`); tests pass a fake one. */
  now?: () => number;
}

export interface LinearizabilityFailure<I = unknown, O = unknown> {
  /** The partition (key) with no linearization; "" when the model has no partitions. */
  key: string;
  /** The partition's checked operations (fail outcomes removed). */
  ops: Operation<I, O>[];
  /** Each of `ops` in words ("write 3", "get k → \"x\""), in the same order. */
  opText: string[];
  /** Op ids of the longest legal prefix order the search found, in order. */
  longest: number[];
  /** The state after each operation of `longest`, described. */
  longestStates: string[];
  /** Op ids that could not come next after `longest`; the first one is the operation whose
   * return no linearization gets past. */
  unplaceable: number[];
  /** The return time of that first unplaceable operation. */
  stuckAtMs: number;
  /** The model state after `longest`, described. */
  stateAfterLongest: string;
  /** The failure in sentences a learner can follow; the last one is `why`. */
  explanation: string[];
  /** The one sentence that matters most: which operation cannot be placed, and why. */
  why: string;
}

export interface CheckResult<I = unknown, O = unknown> {
  verdict: Verdict;
  /** Why the verdict is unknown (which bound was hit, where). */
  reason?: string;
  ms: number;
  /** Operations checked (fail outcomes are not). */
  ops: number;
  partitions: number;
  /** Memo entries the searches made in all (a measure of the work, for reports). */
  memoEntries: number;
  failure?: LinearizabilityFailure<I, O>;
}

/** A programmer error in the history handed to the checker (not a parse error). */
export class InvalidHistoryError extends Error {
  constructor(
    message: string,
    readonly opId: number,
  ) {
    super(message);
    this.name = "InvalidHistoryError";
  }
}
