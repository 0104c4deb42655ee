// Every LWW map scenario's checks, in report order: the final reads first (convergence to
// a map last-writer-wins allows is what the problem is), then every get against what its
// node may show, then availability under partitions, then the cost in messages.
// statement.md argues each one's soundness.
import { checkAvailability } from "../../harness/availability-check.ts";
import { checkConvergence, type Allowed } from "../../harness/convergence-check.ts";
import { checkEfficiency } from "../../harness/efficiency-check.ts";
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import {
  candidateWinners,
  checkLwwMap,
  domination,
  keyHistory,
  mayBeAbsent,
  type LwwOp,
  type LwwOptions,
} from "../../shared/check/lww-map.ts";
import type { PropertyResult } from "../../shared/check/property.ts";
import { putValue, type MapOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";
import { clockBoundMs, CLOCK_MARGIN_MS, PLANS } from "./plans/index.ts";

type MapRun = Pick<RunRecord<MapOp>, "history" | "finalReads" | "scenario" | "seed" | "originMs">;

/** The checker's options for the run: the clock bound of its plan, stamps from an HLC. */
export function optionsOf(run: Pick<RunRecord, "scenario" | "seed">): LwwOptions {
  const plan = PLANS[run.scenario];
  return { skewMs: plan ? clockBoundMs(plan(run.seed)) : CLOCK_MARGIN_MS, hybridClocks: true };
}

/**
 * A put, delete or get as the checker takes it: one effect at the node it was sent to (a
 * client retries only there, and the node applies a request id once, so an ok write took
 * effect between its invocation and its ok answer). An operation never sent is left out.
 */
export function effectOf(op: MapOp): LwwOp | null {
  const node = op.attempts[0]?.node;
  if (!node || op.key === undefined || op.f === "read") return null;
  const value =
    op.f === "put"
      ? (op.value ?? putValue(op))
      : op.f === "get"
        ? (op.output ?? undefined)
        : undefined;
  return {
    id: op.id,
    f: op.f,
    key: op.key,
    ...(value === undefined ? {} : { value }),
    node,
    outcome: op.outcome,
    startMs: op.startMs,
    endMs: op.outcome === "ok" ? op.endMs : null,
  };
}

/** A final read as one final get of every key the run wrote or the read showed. */
export function finalGetsOf(read: MapOp, keys: readonly string[]): LwwOp[] {
  const node = read.attempts[0]?.node;
  if (!node) return [];
  const map = (read.output ?? {}) as Record<string, string>;
  return [...new Set([...keys, ...Object.keys(map)])].map((key) => ({
    id: read.id,
    f: "get" as const,
    key,
    ...(map[key] === undefined ? {} : { value: map[key] }),
    node,
    outcome: read.outcome,
    startMs: read.startMs,
    endMs: read.outcome === "ok" ? read.endMs : null,
    final: true,
  }));
}

const midRun = (run: MapRun): LwwOp[] =>
  run.history.filter((op) => !run.finalReads.includes(op)).flatMap((op) => effectOf(op) ?? []);

/** Whether a converged map is one last-writer-wins allows, from the operations before it. */
export function convergedAllowed(ops: readonly LwwOp[], value: unknown, opts: LwwOptions): Allowed {
  const map = (value ?? {}) as Record<string, string>;
  const keys = new Set([...Object.keys(map), ...ops.map((o) => o.key)]);
  for (const key of keys) {
    const h = keyHistory(ops.filter((o) => o.key === key));
    const shown = map[key];
    if (shown === undefined) {
      if (!mayBeAbsent(h, opts))
        return {
          status: "no",
          why: `${key} is absent, though no delete of it can be the last write (${candidateWinners(h, opts).length} puts can)`,
        };
      continue;
    }
    const puts = h.writes.filter((w) => w.f === "put" && w.value === shown);
    if (!puts.length)
      return { status: "no", why: `${key} is ${JSON.stringify(shown)}, which no put of it wrote` };
    if (puts.every((w) => domination(h, w, opts)))
      return {
        status: "no",
        why: `${key} is ${JSON.stringify(shown)}, though a write that surely came later outranks it`,
      };
  }
  return { status: "yes" };
}

export function checkFinalReads(run: RunRecord<MapOp>) {
  const ops = midRun(run);
  const opts = optionsOf(run);
  return checkConvergence(run, (value) => convergedAllowed(ops, value, opts));
}

export function checkLastWriterWins(run: MapRun): PropertyResult {
  const ops = midRun(run);
  const keys = [...new Set(ops.map((o) => o.key))];
  const finals = run.finalReads.flatMap((read) => finalGetsOf(read, keys));
  return checkLwwMap([...ops, ...finals], optionsOf(run), run.originMs);
}

export const mapChecks: readonly Check<MapOp>[] = [
  { name: "convergence", required: true, run: checkFinalReads },
  { name: "last writer wins", required: true, run: checkLastWriterWins },
  { name: "availability", required: false, run: (run) => checkAvailability(run, AVAILABILITY) },
  { name: "efficiency", required: true, run: (run) => checkEfficiency(run, EFFICIENCY) },
];
