// What the nodes said they recorded: the snapshots the judge started (or a node recorded),
// and every node's final GetSnapshot answer for each, by snapshot id and node.
import type { RunRecord } from "../../../harness/run-record.ts";
import type { SnapshotOp, SnapshotView } from "../client.ts";

/** The node that answered an operation (its last attempt). */
export const nodeOf = (op: SnapshotOp): string => op.attempts.at(-1)?.node ?? "?";

/** snapshot id → node → the final read's answer (undefined: never answered OK). */
export type Recordings = Map<number, Map<string, SnapshotView | undefined>>;

export function recordingsOf(run: RunRecord<SnapshotOp>): Recordings {
  const out: Recordings = new Map();
  for (const op of run.finalReads) {
    const byNode = out.get(op.value) ?? new Map<string, SnapshotView | undefined>();
    byNode.set(nodeOf(op), op.outcome === "ok" ? op.output : undefined);
    out.set(op.value, byNode);
  }
  return out;
}

/**
 * The snapshots that were started: StartSnapshot answered OK, or recorded by some node (a
 * start whose answer was lost may have begun it).
 */
export function startedIds(run: RunRecord<SnapshotOp>, recordings: Recordings): number[] {
  const ids = new Set<number>();
  for (const op of run.history) if (op.f === "start" && op.outcome === "ok") ids.add(op.value);
  for (const [id, byNode] of recordings)
    if ([...byNode.values()].some((view) => view?.recorded)) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

/** Every (snapshot, node) whose final read says recorded and complete. */
export function completeRecordings(
  recordings: Recordings,
): { id: number; node: string; view: SnapshotView }[] {
  const out: { id: number; node: string; view: SnapshotView }[] = [];
  for (const [id, byNode] of recordings)
    for (const [node, view] of byNode)
      if (view?.recorded && view.complete) out.push({ id, node, view });
  return out;
}

/** The snapshots every node reports recorded and complete, with each node's view. */
export function completeSnapshots(
  run: RunRecord<SnapshotOp>,
  recordings: Recordings,
): { id: number; views: Map<string, SnapshotView> }[] {
  const out: { id: number; views: Map<string, SnapshotView> }[] = [];
  for (const [id, byNode] of recordings) {
    const views = new Map<string, SnapshotView>();
    for (const node of run.nodes) {
      const view = byNode.get(node);
      if (view?.recorded && view.complete) views.set(node, view);
    }
    if (views.size === run.nodes.length) out.push({ id, views });
  }
  return out;
}
