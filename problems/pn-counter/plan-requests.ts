// The adds a PN-Counter plan sends to a node it chooses ("request" steps): each label is one
// client, each step a new add with the client's next sequence, run to its outcome at that
// node like a workload client's (retried there with the same id until its budget is spent).
import { newOp } from "../../harness/any-node/workload.ts";
import { runOp } from "../../harness/any-node/run-op.ts";
import type { NodeConnections } from "../../harness/any-node/connections.ts";
import type { PlanRequests, WorkloadContext } from "../../harness/problem.ts";
import { CODEC, type CounterOp } from "./client.ts";

/** What a plan's request step holds: the add's delta. */
export interface PnPlanRequest {
  delta: number;
}

export function planRequests(
  ctx: WorkloadContext,
  connections: NodeConnections<{ value?: number }>,
): PlanRequests<CounterOp> {
  const ops: CounterOp[] = [];
  const sequences = new Map<string, number>();
  return {
    async send(label, node, request, budgetMs) {
      const delta = (request as Partial<PnPlanRequest> | undefined)?.delta;
      if (!Number.isInteger(delta))
        throw new Error(`request ${label}: expected { delta }; this problem sends no retries`);
      const sequence = (sequences.get(label) ?? 0) + 1;
      sequences.set(label, sequence);
      const op = newOp<CounterOp>(ctx, label, sequence, { f: "add", value: delta as number });
      ops.push(op);
      await runOp(connections, CODEC, op, node, `${ctx.runId}-${label}`, budgetMs);
      return op.outcome === "ok" ? `add ${String(delta)} ok` : `add ${String(delta)} ${op.outcome}`;
    },
    history: () => ops,
  };
}
