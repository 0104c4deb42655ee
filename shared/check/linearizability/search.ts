// Wing & Gong's search with Lowe's memoisation, on one partition, as in Porcupine: walk
// the operations in time order; at a call, try to linearize that operation now (lift it
// and its return out of the list); at a return nobody got past, undo the last choice. A
// (linearized set, state) pair seen before is a dead end already explored. Two sound
// reductions beyond Porcupine: interchangeable operations are tried in one order only
// (symmetry.ts), and a legal read-only operation is linearized at once with no
// alternative tried (Model.readOnly). Everything the loop touches is a typed array or a
// preallocated array, so it allocates only when the memo table grows.
import { ILLEGAL, type Model, type Operation } from "./types.ts";
import { STEPS_PER_CLOCK_CHECK } from "./limits.ts";
import { twinsBefore } from "./symmetry.ts";
import { VisitedSet } from "./visited-set.ts";

export interface SearchBounds {
  /** Absolute time, on `now`'s clock, past which the search gives up. */
  deadlineMs: number;
  maxCacheEntries: number;
  now: () => number;
  /** The JS heap in use, read with the clock: states can be large (kv values), so the
   * entry bound alone does not bound memory. */
  heapUsedBytes: () => number;
  heapBytesMax: number;
}

/** `cacheEntries`: the memo's size when the search ended. */
export type SearchOutcome<S> = { cacheEntries: number } & (
  | { kind: "linearizable" }
  /** `longest`: op indices of the longest legal order found; `state` after it. */
  | { kind: "illegal"; longest: number[]; state: S }
  | { kind: "unknown"; bound: "time" | "entries" | "heap" }
);

/** The entry list: node 0 is the head; nodes 1..2n are calls and returns in time order.
 * Operations that stay open (info) are not in it: their calls form a second list, from
 * node 2n + 1, tried only when no closed operation can go next (see below). */
interface EntryList {
  next: Int32Array;
  prev: Int32Array;
  /** Operation index of each node. */
  opOf: Int32Array;
  /** For a closed call, its return node; END for a return; OPEN for an open call. */
  match: Int32Array;
  openHead: number;
}

const HEAD = 0;
const END = -1;
const OPEN = -2;

/**
 * `deferOpen` chooses the order candidates are tried in; the verdict is the same either
 * way. Off, as in Porcupine: in call order, an open operation being a call whose return
 * is at the end. On: an open operation may take effect at any time after its call, or
 * never, so the closed candidates are tried first, and the open ones called before the
 * first remaining return only when none of the closed ones can go next; once every closed
 * operation is linearized the open ones left can be dropped (or placed last, where they
 * are legal: with no answer, any answer goes). Deferring suits open operations that took
 * effect late or never (a timed-out write in a cluster that lost its leader); call order
 * suits those that took effect soon after their call.
 *
 * Longer than our usual functions on purpose: the loop's variables stay locals, which is
 * what keeps its step at a few tens of nanoseconds.
 */
export function searchPartition<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  bounds: SearchBounds,
  deferOpen: boolean,
): SearchOutcome<S> {
  const p = prepare(model, ops, deferOpen);
  const { list, inputs, outputs, opHash, twin, readOnly, linearized, visited, longest } = p;
  const { next, opOf, match } = list;
  const stateHash = model.hash?.bind(model);
  let state = model.init();
  let hash = 0;
  let depth = 0;
  let open = false;
  /** While trying open operations: the first return left, which they must be called before. */
  let limit = 0;
  let entry = next[HEAD]!;
  let steps = 0;
  while (next[HEAD] !== END) {
    if (++steps === STEPS_PER_CLOCK_CHECK) {
      steps = 0;
      const bound = timeOrHeapReached(bounds);
      if (bound) return { kind: "unknown", bound, cacheEntries: visited.size };
    }
    if (!open && match[entry] === END) {
      open = true;
      limit = entry;
      entry = next[list.openHead]!;
      continue;
    }
    if (!open || (entry !== END && entry < limit)) {
      const op = opOf[entry]!;
      const t = twin[op]!;
      const twinWaits = t >= 0 && (linearized[t >>> 5]! & (1 << (t & 31))) === 0;
      const after = twinWaits ? ILLEGAL : model.step(state, inputs[op]!, outputs[op]);
      if (after === ILLEGAL) {
        entry = next[entry]!;
        continue;
      }
      linearized[op >>> 5]! |= 1 << (op & 31);
      const afterHash = hash ^ opHash[op]!;
      const key = stateHash === undefined ? afterHash : afterHash ^ stateHash(after);
      if (visited.add(key, linearized, after)) {
        if (visited.size > bounds.maxCacheEntries) {
          return { kind: "unknown", bound: "entries", cacheEntries: visited.size };
        }
        p.calls[depth] = entry;
        p.states[depth] = state;
        p.limits[depth] = limit;
        p.forced[depth++] = readOnly[op]!;
        state = after;
        hash = afterHash;
        open = false;
        lift(list, entry);
        entry = next[HEAD]!;
        continue;
      }
      linearized[op >>> 5]! &= ~(1 << (op & 31));
      // Explored before and failed. For a read-only operation that means this prefix
      // fails too (see Model.readOnly); otherwise try the next candidate.
      if (readOnly[op] === 0) {
        entry = next[entry]!;
        continue;
      }
    }
    // A dead end: undo the last choice, and every read-only choice before it.
    do {
      if (depth === 0) {
        const order = longest.operations(opOf);
        return {
          kind: "illegal",
          longest: order,
          state: longest.state,
          cacheEntries: visited.size,
        };
      }
      longest.offer(p.calls, depth, state);
      depth--;
      entry = p.calls[depth]!;
      state = p.states[depth]!;
      limit = p.limits[depth]!;
      const op = opOf[entry]!;
      linearized[op >>> 5]! &= ~(1 << (op & 31));
      hash ^= opHash[op]!;
      unlift(list, entry);
      open = match[entry] === OPEN;
    } while (p.forced[depth] === 1);
    entry = next[entry]!;
  }
  return { kind: "linearizable", cacheEntries: visited.size };
}

/** Everything the loop reads, built once per partition. */
function prepare<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  deferOpen: boolean,
) {
  const n = ops.length;
  const words = (n + 31) >>> 5;
  return {
    list: buildEntryList(ops, model, deferOpen),
    inputs: ops.map((op) => op.input),
    outputs: ops.map((op) => op.output),
    opHash: zobristKeys(n),
    twin: twinsBefore(ops),
    readOnly: Uint8Array.from(ops, (op) => (model.readOnly?.(op.input, op.output) ? 1 : 0)),
    linearized: new Uint32Array(words),
    visited: new VisitedSet<S>(words, model.equal?.bind(model)),
    longest: new LongestPrefix(n, model.init()),
    /** Per depth: the node chosen, the state before it, the open-phase limit then, and
     * whether it was read-only (a forced choice). */
    calls: new Int32Array(n),
    states: new Array<S>(n),
    limits: new Int32Array(n),
    forced: new Uint8Array(n),
  };
}

function timeOrHeapReached(bounds: SearchBounds): "time" | "heap" | undefined {
  if (bounds.now() > bounds.deadlineMs) return "time";
  return bounds.heapUsedBytes() > bounds.heapBytesMax ? "heap" : undefined;
}

/** Takes a call (and a closed call's return) out of its list: the operation is linearized. */
function lift({ next, prev, match }: EntryList, call: number): void {
  const ret = match[call]!;
  next[prev[call]!] = next[call]!;
  if (next[call] !== END) prev[next[call]!] = prev[call]!;
  if (ret === OPEN) return;
  next[prev[ret]!] = next[ret]!;
  if (next[ret] !== END) prev[next[ret]!] = prev[ret]!;
}

/** Puts the return and then the call back where they were (their neighbours kept their
 * links to them). */
function unlift({ next, prev, match }: EntryList, call: number): void {
  const ret = match[call]!;
  if (ret !== OPEN) {
    next[prev[ret]!] = ret;
    if (next[ret] !== END) prev[next[ret]!] = ret;
  }
  next[prev[call]!] = call;
  if (next[call] !== END) prev[next[call]!] = call;
}

/** The deepest stack of linearized calls seen at a dead end, and the state there. */
class LongestPrefix<S> {
  private readonly calls: Int32Array;
  private depth = -1;

  constructor(
    n: number,
    public state: S,
  ) {
    this.calls = new Int32Array(n);
  }

  offer(stack: Int32Array, depth: number, state: S): void {
    if (depth <= this.depth) return;
    this.calls.set(stack.subarray(0, depth));
    this.depth = depth;
    this.state = state;
  }

  /** The operation indices, in order. */
  operations(opOf: Int32Array): number[] {
    return Array.from(this.calls.subarray(0, Math.max(this.depth, 0)), (node) => opOf[node]!);
  }
}

/** Sorts calls and returns by time, calls before returns at equal times (touching
 * operations count as concurrent), and links them into the entry list, open operations'
 * calls into the open list when deferred. An open read-only operation is in neither: it
 * can always be dropped. */
function buildEntryList<S, I, O>(
  ops: readonly Operation<I, O>[],
  model: Model<S, I, O>,
  deferOpen: boolean,
): EntryList {
  const n = ops.length;
  const isOpen = ops.map((op) => op.outcome === "info" || op.returnMs === null);
  const times = new Float64Array(2 * n);
  ops.forEach((op, i) => {
    times[2 * i] = op.callMs;
    times[2 * i + 1] = isOpen[i] ? Number.POSITIVE_INFINITY : op.returnMs!;
  });
  const events = Array.from({ length: 2 * n }, (_, k) => k);
  events.sort((a, b) => times[a]! - times[b]! || (a & 1) - (b & 1) || a - b);
  const openHead = 2 * n + 1;
  const size = 2 * n + 2;
  const list: EntryList = {
    next: new Int32Array(size),
    prev: new Int32Array(size),
    opOf: new Int32Array(size),
    match: new Int32Array(size).fill(END),
    openHead,
  };
  const nodeOfEvent = new Int32Array(2 * n);
  events.forEach((event, i) => (nodeOfEvent[event] = i + 1));
  let [lastClosed, lastOpen] = [HEAD, openHead];
  const append = (last: number, node: number): number => {
    list.next[last] = node;
    list.prev[node] = last;
    return node;
  };
  for (const event of events) {
    const node = nodeOfEvent[event]!;
    const op = event >>> 1;
    const isCall = (event & 1) === 0;
    list.opOf[node] = op;
    if (isOpen[op] && model.readOnly?.(ops[op]!.input, ops[op]!.output)) continue;
    if (isOpen[op] && deferOpen) {
      if (isCall) list.match[node] = OPEN;
      if (isCall) lastOpen = append(lastOpen, node);
      continue;
    }
    if (isCall) list.match[node] = nodeOfEvent[event + 1]!;
    lastClosed = append(lastClosed, node);
  }
  list.next[lastClosed] = END;
  list.next[lastOpen] = END;
  return list;
}

/** One random 32-bit key per operation (fixed seed, so runs repeat exactly): the hash of a
 * set is the XOR of its members' keys, updated in one instruction per lift or unlift. */
function zobristKeys(n: number): Int32Array {
  const keys = new Int32Array(n);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < n; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = x;
  }
  return keys;
}
