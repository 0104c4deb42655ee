// A Chandy-Lamport scenario's clients: a few of them paying small random amounts from random
// nodes to random peers, and the snapshot schedule the plan states. Around each start the
// schedule pays tokens to the starting node just before it (so on slow links they are surely
// on their way when it records) and has that node pay a peer just after (so its marker must
// come before those tokens on the channel).
import type { NodeConnections } from "../../harness/any-node/connections.ts";
import { newOp, type ClientsSpec } from "../../harness/any-node/workload.ts";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { WorkloadContext, WorkloadRun } from "../../harness/problem.ts";
import { runAt, type SnapshotOp, type SnapshotView } from "./client.ts";

/** One snapshot the judge starts: `snapshotId` at `node`, atMs after the scenario's start. */
export interface SnapshotStart {
  atMs: number;
  snapshotId: number;
  node: string;
  /** Pays `node` just before the start. */
  primeFrom: string;
  /** `node` pays it just after the start. */
  payTo: string;
}

/** A Chandy-Lamport scenario's clients (ScenarioPlan.workload). */
export interface SnapshotWorkload extends ClientsSpec {
  /** Transfers carry 1 to amountMax tokens. */
  amountMax: number;
  snapshots: SnapshotStart[];
}

/** How long one operation may keep retrying before its client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function startSnapshotWorkload(
  ctx: WorkloadContext,
  connections: NodeConnections<SnapshotView>,
): WorkloadRun<SnapshotOp> {
  const spec = ctx.plan.workload as SnapshotWorkload;
  const history: SnapshotOp[] = [];
  const run = async (
    client: string,
    sequence: number,
    node: string,
    fields: Pick<SnapshotOp, "f" | "value"> & { key?: string },
  ): Promise<SnapshotOp> => {
    const op = newOp<SnapshotOp>(ctx, client, sequence, fields);
    history.push(op);
    return runAt(connections, op, node, `${ctx.runId}-${client}`, OP_BUDGET_MS);
  };

  const payer = async (index: number): Promise<void> => {
    const rng = ctx.random.fork(`client-${index}`);
    for (let seq = 1; nowMs() < ctx.endMs; seq++) {
      const leave = await ctx.gate.enter(ctx.endMs);
      if (nowMs() >= ctx.endMs) {
        leave();
        break;
      }
      const node = rng.pick(connections.nodes);
      const key = rng.pick(connections.nodes.filter((n) => n !== node));
      const value = rng.int(1, spec.amountMax);
      await run(`c${index}`, seq, node, { f: "transfer", key, value }).finally(leave);
      await sleep(rng.int(spec.thinkMs[0], spec.thinkMs[1]));
    }
  };

  const snapshot = async (start: SnapshotStart): Promise<void> => {
    await sleep(ctx.originMs + start.atMs - nowMs());
    const leave = await ctx.gate.enter(ctx.endMs);
    try {
      if (nowMs() >= ctx.endMs) return;
      const client = `s${start.snapshotId}`;
      const amount = 1 + (start.snapshotId % spec.amountMax);
      await run(client, 1, start.primeFrom, { f: "transfer", key: start.node, value: amount });
      await run(client, 2, start.node, { f: "start", value: start.snapshotId });
      await run(client, 3, start.node, { f: "transfer", key: start.payTo, value: amount });
    } finally {
      leave();
    }
  };

  const finished = Promise.all([
    ...Array.from({ length: spec.clients }, (_, i) => payer(i)),
    ...spec.snapshots.map(snapshot),
  ]).then(() => undefined);
  return { history, done: () => history.filter((op) => op.endMs !== null).length, finished };
}
