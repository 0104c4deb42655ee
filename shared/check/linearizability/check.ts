// The checker's entry point: drops operations that surely did not happen, splits the
// history per key where the model allows (P-compositionality), searches each partition
// within the time and memory bounds, and words the first failure found.
import { getHeapStatistics } from "node:v8";
import { explainFailure } from "./explain.ts";
import { jointModel } from "./joint-model.ts";
import {
  CACHE_ENTRIES_MAX_DEFAULT,
  CHECK_TIMEOUT_MS_DEFAULT,
  FIRST_ORDER_SHARE,
  HEAP_FRACTION_MAX,
} from "./limits.ts";
import { searchPartition, type SearchBounds, type SearchOutcome } from "./search.ts";
import {
  InvalidHistoryError,
  type CheckOptions,
  type CheckResult,
  type Model,
  type Operation,
} from "./types.ts";

interface Partition<I, O> {
  key: string;
  ops: Operation<I, O>[];
}

type Verdictish<I, O> = Omit<CheckResult<I, O>, "ms" | "ops" | "partitions">;

export function checkOperations<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  opts: CheckOptions = {},
): CheckResult<I, O> {
  const now = opts.now ?? (() => performance.now());
  const startedMs = now();
  ops.forEach(assertWellFormed);
  // fail: surely did not happen. info: whatever it said, its answer is not known.
  const checked = ops
    .filter((op) => op.outcome !== "fail")
    .map((op) =>
      op.outcome === "info" && op.output !== undefined ? { ...op, output: undefined } : op,
    );
  if (opts.partition === false && model.partitionKey !== undefined) {
    // Without splitting, a keyed model is checked as the product of its keys.
    return checkOperations(jointModel(model, checked), checked, { ...opts, partition: true, now });
  }
  const partitions = split(model, checked);
  const bounds: SearchBounds = {
    deadlineMs: startedMs + (opts.timeoutMs ?? CHECK_TIMEOUT_MS_DEFAULT),
    maxCacheEntries: opts.maxCacheEntries ?? CACHE_ENTRIES_MAX_DEFAULT,
    now,
    heapUsedBytes: () => getHeapStatistics().used_heap_size,
    heapBytesMax: opts.maxHeapBytes ?? HEAP_FRACTION_MAX * getHeapStatistics().heap_size_limit,
  };
  const verdict = checkPartitions(model, partitions, bounds, opts, checked);
  return { ...verdict, ms: now() - startedMs, ops: checked.length, partitions: partitions.length };
}

function checkPartitions<S, I, O>(
  model: Model<S, I, O>,
  partitions: Partition<I, O>[],
  bounds: SearchBounds,
  opts: CheckOptions,
  checked: readonly Operation<I, O>[],
): Verdictish<I, O> {
  let unknownReason: string | undefined;
  let memoEntries = 0;
  for (const [index, part] of partitions.entries()) {
    const { outcome, kept } = searchKey(model, part, bounds);
    memoEntries += outcome.cacheEntries;
    if (outcome.kind === "illegal") {
      const failure = explainFailure({
        model,
        key: part.key,
        ops: part.ops,
        longest: outcome.longest.map((i) => kept[i]!),
        stateAfterLongest: outcome.state,
        describeTime: opts.describeTime ?? secondsFrom(checked),
      });
      return { verdict: "not-linearizable", failure, memoEntries };
    }
    if (outcome.kind === "unknown") {
      const reason = boundReason(outcome, part, bounds, opts);
      if (outcome.bound === "time") {
        const left = `${partitions.length - index} of ${partitions.length} partitions unchecked`;
        return { verdict: "unknown", reason: `${reason}, with ${left}`, memoEntries };
      }
      // A memory bound on one key does not stop the others: one of them may still fail.
      unknownReason ??= reason;
    }
  }
  return unknownReason === undefined
    ? { verdict: "linearizable", memoEntries }
    : { verdict: "unknown", reason: unknownReason, memoEntries };
}

/** Open operations nothing observed are left out of the search (not of the evidence):
 * `kept` maps the search's operation indices back to the partition's. */
function searchKey<S, I, O>(model: Model<S, I, O>, part: Partition<I, O>, bounds: SearchBounds) {
  const left = model.unobserved?.(part.ops);
  const kept = part.ops.flatMap((_, i) => (left?.[i] ? [] : [i]));
  const outcome = searchEitherOrder(
    model,
    kept.map((i) => part.ops[i]!),
    bounds,
  );
  return { outcome, kept };
}

/**
 * Open operations make the search's order matter (see searchPartition): first in call
 * order, as Porcupine, within a share of the bounds, then with them deferred with the
 * rest. A verdict from either is final: each search is complete, only the order differs.
 */
function searchEitherOrder<S, I, O>(
  model: Model<S, I, O>,
  ops: Operation<I, O>[],
  bounds: SearchBounds,
): SearchOutcome<S> {
  if (!ops.some((op) => op.outcome === "info" || op.returnMs === null)) {
    return searchPartition(model, ops, bounds, false);
  }
  const leftMs = bounds.deadlineMs - bounds.now();
  const first = searchPartition(
    model,
    ops,
    {
      ...bounds,
      deadlineMs: bounds.now() + leftMs * FIRST_ORDER_SHARE,
      maxCacheEntries: Math.ceil(bounds.maxCacheEntries * FIRST_ORDER_SHARE),
    },
    false,
  );
  if (first.kind !== "unknown" || first.bound === "heap") return first;
  const second = searchPartition(model, ops, bounds, true);
  return { ...second, cacheEntries: first.cacheEntries + second.cacheEntries };
}

function boundReason<S, I, O>(
  outcome: SearchOutcome<S> & { kind: "unknown" },
  part: Partition<I, O>,
  bounds: SearchBounds,
  opts: CheckOptions,
): string {
  const where = `${part.key === "" ? "" : ` on key ${JSON.stringify(part.key)}`} (${part.ops.length} operations)`;
  switch (outcome.bound) {
    case "time":
      return `time bound of ${opts.timeoutMs ?? CHECK_TIMEOUT_MS_DEFAULT} ms reached${where}`;
    case "entries":
      return `memory bound of ${bounds.maxCacheEntries} memo entries reached${where}`;
    case "heap": {
      const mib = Math.round(bounds.heapBytesMax / 2 ** 20);
      return `memory bound of ${mib} MiB of heap reached (${outcome.cacheEntries} memo entries)${where}`;
    }
  }
}

/** Partitions smallest first: cheap keys are done, and a cheap violation found, before a
 * hard key can use up the time. */
function split<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[]): Partition<I, O>[] {
  const keyOf = model.partitionKey;
  if (keyOf === undefined) return ops.length ? [{ key: "", ops }] : [];
  const byKey = new Map<string, Operation<I, O>[]>();
  for (const op of ops) {
    const key = keyOf(op.input);
    const list = byKey.get(key);
    if (list) list.push(op);
    else byKey.set(key, [op]);
  }
  return [...byKey]
    .map(([key, list]) => ({ key, ops: list }))
    .sort((a, b) => a.ops.length - b.ops.length);
}

function assertWellFormed(op: Operation<unknown, unknown>): void {
  if (!Number.isFinite(op.callMs)) {
    throw new InvalidHistoryError(`operation ${op.id}: callMs is not a finite number`, op.id);
  }
  if (op.returnMs !== null && !(op.returnMs >= op.callMs)) {
    throw new InvalidHistoryError(`operation ${op.id}: returnMs is before callMs`, op.id);
  }
  if (op.returnMs === null && op.outcome === "ok") {
    throw new InvalidHistoryError(`operation ${op.id}: an ok operation needs a returnMs`, op.id);
  }
}

function secondsFrom(ops: readonly Operation<unknown, unknown>[]): (ms: number) => string {
  const originMs = ops.reduce((min, op) => Math.min(min, op.callMs), Number.POSITIVE_INFINITY);
  return (ms) => `${((ms - originMs) / 1000).toFixed(3)} s`;
}
