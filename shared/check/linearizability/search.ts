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

/** The entry list: node 0 is the head; nodes 1..2n are calls and returns in time order. */
interface EntryList {
  next: Int32Array;
  prev: Int32Array;
  /** Operation index of each node. */
  opOf: Int32Array;
  /** For a call node, its return node; -1 for a return node. */
  match: Int32Array;
}

const HEAD = 0;
const END = -1;

export function searchPartition<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  bounds: SearchBounds,
): SearchOutcome<S> {
  if (ops.length === 0) return { kind: "linearizable", cacheEntries: 0 };
  const { list, inputs, outputs, opHash, twin, readOnly, linearized, visited, longest } = prepare(
    model,
    ops,
  );
  const { next, opOf, match } = list;
  const stateHash = model.hash?.bind(model);
  const callStack = new Int32Array(ops.length);
  const stateStack: S[] = new Array<S>(ops.length);
  /** Whether the choice at each depth was a read-only operation (see Model.readOnly). */
  const forced = new Uint8Array(ops.length);

  let state = model.init();
  let hash = 0;
  let depth = 0;
  let entry = next[HEAD]!;
  let steps = 0;
  while (next[HEAD] !== END) {
    if (++steps === STEPS_PER_CLOCK_CHECK) {
      steps = 0;
      const bound = timeOrHeapReached(bounds);
      if (bound) return { kind: "unknown", bound, cacheEntries: visited.size };
    }
    if (match[entry] !== END) {
      const op = opOf[entry]!;
      const t = twin[op]!;
      const twinWaits = t >= 0 && (linearized[t >>> 5]! & (1 << (t & 31))) === 0;
      const after = twinWaits ? ILLEGAL : model.step(state, inputs[op]!, outputs[op]);
      if (after === ILLEGAL) {
        entry = next[entry]!;
        continue;
      }
      const word = op >>> 5;
      const bit = 1 << (op & 31);
      linearized[word]! |= bit;
      const afterHash = hash ^ opHash[op]!;
      const key = stateHash === undefined ? afterHash : afterHash ^ stateHash(after);
      if (visited.add(key, linearized, after)) {
        if (visited.size > bounds.maxCacheEntries) {
          return { kind: "unknown", bound: "entries", cacheEntries: visited.size };
        }
        callStack[depth] = entry;
        stateStack[depth] = state;
        forced[depth] = readOnly[op]!;
        depth++;
        state = after;
        hash = afterHash;
        lift(list, entry);
        entry = next[HEAD]!;
        continue;
      }
      linearized[word]! &= ~bit;
      // Explored before and failed. For a read-only operation that means this prefix
      // fails too (see `readOnly` below); otherwise try the next candidate.
      if (readOnly[op] === 0) {
        entry = next[entry]!;
        continue;
      }
    }
    // A dead end: undo the last choice, and every read-only choice before it.
    for (;;) {
      if (depth === 0) {
        const order = longest.operations(opOf);
        return {
          kind: "illegal",
          longest: order,
          state: longest.state,
          cacheEntries: visited.size,
        };
      }
      longest.offer(callStack, depth, state);
      depth--;
      entry = callStack[depth]!;
      state = stateStack[depth]!;
      const op = opOf[entry]!;
      linearized[op >>> 5]! &= ~(1 << (op & 31));
      hash ^= opHash[op]!;
      unlift(list, entry);
      if (forced[depth] === 0) break;
    }
    entry = next[entry]!;
  }
  return { kind: "linearizable", cacheEntries: visited.size };
}

/** Everything the loop reads, built once per partition. */
function prepare<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[]) {
  const n = ops.length;
  const words = (n + 31) >>> 5;
  return {
    list: buildEntryList(ops),
    inputs: ops.map((op) => op.input),
    outputs: ops.map((op) => op.output),
    opHash: zobristKeys(n),
    twin: twinsBefore(ops),
    readOnly: Uint8Array.from(ops, (op) => (model.readOnly?.(op.input, op.output) ? 1 : 0)),
    linearized: new Uint32Array(words),
    visited: new VisitedSet<S>(words, model.equal?.bind(model)),
    longest: new LongestPrefix(n, model.init()),
  };
}

function timeOrHeapReached(bounds: SearchBounds): "time" | "heap" | undefined {
  if (bounds.now() > bounds.deadlineMs) return "time";
  return bounds.heapUsedBytes() > bounds.heapBytesMax ? "heap" : undefined;
}

/** Takes a call and its return out of the list: the operation is linearized. */
function lift({ next, prev, match }: EntryList, call: number): void {
  const ret = match[call]!;
  next[prev[call]!] = next[call]!;
  prev[next[call]!] = prev[call]!;
  next[prev[ret]!] = next[ret]!;
  if (next[ret] !== END) prev[next[ret]!] = prev[ret]!;
}

/** Puts the return and then the call back where they were (their neighbours kept their
 * links to them). */
function unlift({ next, prev, match }: EntryList, call: number): void {
  const ret = match[call]!;
  next[prev[ret]!] = ret;
  if (next[ret] !== END) prev[next[ret]!] = ret;
  next[prev[call]!] = call;
  prev[next[call]!] = call;
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
 * operations count as concurrent), and links them into a list. */
function buildEntryList<I, O>(ops: readonly Operation<I, O>[]): EntryList {
  const n = ops.length;
  const times = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    times[2 * i] = op.callMs;
    times[2 * i + 1] =
      op.outcome === "info" || op.returnMs === null ? Number.POSITIVE_INFINITY : op.returnMs;
  }
  const events = Array.from({ length: 2 * n }, (_, k) => k);
  events.sort((a, b) => times[a]! - times[b]! || (a & 1) - (b & 1) || a - b);
  const size = 2 * n + 1;
  const list: EntryList = {
    next: new Int32Array(size),
    prev: new Int32Array(size),
    opOf: new Int32Array(size),
    match: new Int32Array(size),
  };
  const nodeOfEvent = new Int32Array(2 * n);
  events.forEach((event, i) => (nodeOfEvent[event] = i + 1));
  for (let node = 0; node < size; node++) {
    list.next[node] = node + 1 < size ? node + 1 : END;
    list.prev[node] = node - 1;
  }
  for (let k = 0; k < 2 * n; k++) {
    const node = nodeOfEvent[k]!;
    list.opOf[node] = k >>> 1;
    list.match[node] = k & 1 ? END : nodeOfEvent[k + 1]!;
  }
  list.match[HEAD] = END;
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
