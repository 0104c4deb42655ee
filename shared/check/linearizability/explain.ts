// Turns the search's raw evidence (the longest legal order and the state after it) into
// what a learner reads: which operation no order gets past, and why, in words.
import { EXPLANATION_CANDIDATES_MAX, EXPLANATION_PREFIX_OPS } from "./limits.ts";
import { ILLEGAL, type LinearizabilityFailure, type Model, type Operation } from "./types.ts";

export interface FailureEvidence<S, I, O> {
  model: Model<S, I, O>;
  key: string;
  ops: readonly Operation<I, O>[];
  /** Indices into `ops` of the longest legal order, in order. */
  longest: readonly number[];
  stateAfterLongest: S;
  describeTime: (ms: number) => string;
}

const returnOf = (op: Operation<unknown, unknown>): number =>
  op.outcome === "info" || op.returnMs === null ? Number.POSITIVE_INFINITY : op.returnMs;

export function explainFailure<S, I, O>(
  ev: FailureEvidence<S, I, O>,
): LinearizabilityFailure<I, O> {
  const { model, ops } = ev;
  const placed = new Set(ev.longest);
  const pending = ops.map((_, i) => i).filter((i) => !placed.has(i));
  // The first return no order gets past: the same order the search walks in.
  const stuck = pending.reduce((a, b) => (returnOf(ops[b]!) < returnOf(ops[a]!) ? b : a));
  const stuckAtMs = returnOf(ops[stuck]!);
  const illegalHere = (i: number): boolean =>
    model.step(ev.stateAfterLongest, ops[i]!.input, ops[i]!.output) === ILLEGAL;
  const blocked = pending.filter(
    (i) => i !== stuck && ops[i]!.callMs <= stuckAtMs && illegalHere(i),
  );
  // The stuck operation's sentence comes last: it is the heart of the matter, and
  // callers quote it alone (`why`).
  const why = stuckLine(ev, stuck, illegalHere(stuck));
  const explanation = [headline(ev), longestLine(ev), ...blockedLines(ev, blocked), why];
  return {
    key: ev.key,
    ops: [...ops],
    opText: ops.map((op) => model.describeOperation(op.input, op.output)),
    longest: ev.longest.map((i) => ops[i]!.id),
    longestStates: statesAlong(model, ops, ev.longest),
    unplaceable: [stuck, ...blocked].map((i) => ops[i]!.id),
    stuckAtMs,
    stateAfterLongest: model.describeState(ev.stateAfterLongest),
    explanation,
    why,
  };
}

/** Replays the longest order to describe the state after each of its operations. */
function statesAlong<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  order: readonly number[],
): string[] {
  let state = model.init();
  return order.map((i) => {
    const next = model.step(state, ops[i]!.input, ops[i]!.output);
    if (next !== ILLEGAL) state = next;
    return model.describeState(state);
  });
}

function headline<S, I, O>(ev: FailureEvidence<S, I, O>): string {
  const where = ev.key === "" ? "The history" : `Key ${JSON.stringify(ev.key)}`;
  return `${where} is not linearizable: no order of its ${ev.ops.length} operations respects both their real-time order and the ${ev.model.name} model.`;
}

function longestLine<S, I, O>(ev: FailureEvidence<S, I, O>): string {
  const state = ev.model.describeState(ev.stateAfterLongest);
  if (ev.longest.length === 0) {
    return `No operation can even come first: the state is still the initial one (${state}).`;
  }
  const tail = ev.longest.slice(-EXPLANATION_PREFIX_OPS).map((i) => describe(ev, i));
  const more = ev.longest.length > tail.length ? "…, " : "";
  return `The longest legal order found places ${ev.longest.length} of them (${more}${tail.join(", ")}) and leaves the state ${state}.`;
}

function stuckLine<S, I, O>(ev: FailureEvidence<S, I, O>, stuck: number, illegal: boolean): string {
  const op = describe(ev, stuck);
  if (!illegal) {
    return `${op} cannot come next either: every order that places it there fails later, and it must be placed before anything that began after it ended.`;
  }
  const stale = staleRead(ev, stuck);
  if (stale) return `${op} cannot be placed: ${stale}.`;
  return `${op} cannot be placed: from the state ${ev.model.describeState(ev.stateAfterLongest)} it could not have answered that, and no order of the operations under way before it ended reaches a state where it could.`;
}

function blockedLines<S, I, O>(ev: FailureEvidence<S, I, O>, blocked: number[]): string[] {
  if (blocked.length === 0) return [];
  const shown = blocked.slice(0, EXPLANATION_CANDIDATES_MAX).map((i) => describe(ev, i));
  const more = blocked.length > shown.length ? ` and ${blocked.length - shown.length} more` : "";
  return [
    `Operations under way at that point that do not fit that state: ${shown.join("; ")}${more}.`,
  ];
}

/** "every write of 3 was overwritten by 5 before the read began", when the history proves it. */
function staleRead<S, I, O>(ev: FailureEvidence<S, I, O>, r: number): string | undefined {
  const { model, ops } = ev;
  const read = ops[r]!;
  const seen = model.observed?.(read.input, read.output);
  if (seen === undefined || model.installs === undefined) return undefined;
  const same = (a: S, b: S): boolean => (model.equal ? model.equal(a, b) : a === b);
  const t = ev.describeTime;
  const installers = ops
    .map((op, i) => ({ op, i, value: model.installs!(op.input, op.output) }))
    .filter((w) => w.i !== r && w.value !== undefined);
  const writers = installers.filter((w) => same(w.value as S, seen));
  const shownSeen = model.describeState(seen);
  if (writers.length === 0 && !same(seen, model.init())) return undefined;
  const writersEnd = writers.reduce(
    (latest, w) => Math.max(latest, returnOf(w.op)),
    Number.NEGATIVE_INFINITY,
  );
  if (!(writersEnd < read.callMs)) return undefined;
  const over = installers.find(
    (w) => !same(w.value as S, seen) && w.op.callMs > writersEnd && returnOf(w.op) < read.callMs,
  );
  if (!over) return undefined;
  const overwrite = `${describe(ev, over.i)}, which ended at ${t(returnOf(over.op))}`;
  const began = `the read began at ${t(read.callMs)}`;
  if (writers.length === 0) {
    return `it saw the initial state ${shownSeen}, but it had been overwritten by ${overwrite}, before ${began}`;
  }
  const every =
    writers.length === 1 ? "the only write" : `every one of the ${writers.length} writes`;
  return `it saw ${shownSeen}, but ${every} of ${shownSeen} had been overwritten by ${overwrite}, before ${began}`;
}

function describe<S, I, O>(ev: FailureEvidence<S, I, O>, i: number): string {
  const op = ev.ops[i]!;
  const end = returnOf(op);
  const span = `${ev.describeTime(op.callMs)} – ${end === Number.POSITIVE_INFINITY ? "never answered" : ev.describeTime(end)}`;
  return `${ev.model.describeOperation(op.input, op.output)} by client ${op.clientId} (#${op.id}, ${span})`;
}
