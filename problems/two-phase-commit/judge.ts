// The judge's side of a Two-Phase Commit run: clients sending transfers and reads to the
// coordinator only (harness/any-node's clients over a connection to node-0 alone, so their
// random pick of a node is always node-0), then the final State of every node, the checks,
// and the history with each transfer's accounts and amount.
import { NodeConnections } from "../../harness/any-node/connections.ts";
import { runOp } from "../../harness/any-node/run-op.ts";
import { newOp, startClients } from "../../harness/any-node/workload.ts";
import { historyDocument } from "../../harness/history-document.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { ProblemJudge, WorkloadContext } from "../../harness/problem.ts";
import { twoPhaseCommitChecks } from "./checks.ts";
import { CODEC, SERVICE, type TxnOp } from "./client.ts";
import { COORDINATOR } from "./contract.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge: ProblemJudge<TxnOp> = {
  open(cluster) {
    const endpoints = new Map(cluster.nodes.map((n) => [n.id, n]));
    const coordinator = endpoints.get(COORDINATOR);
    if (!coordinator) throw new Error(`the cluster has no ${COORDINATOR}`);
    const toCoordinator = new NodeConnections<object>(
      SERVICE,
      new Map([[COORDINATOR, coordinator]]),
    );
    const toEvery = new NodeConnections<object>(SERVICE, endpoints);
    return {
      startWorkload: (ctx) =>
        startClients<TxnOp, object>(ctx, {
          connections: toCoordinator,
          codec: CODEC,
          next: nextOp,
          opBudgetMs: OP_BUDGET_MS,
        }),
      /** Every node's State, each retried at that node until answered or out of budget. */
      async finalReads(ctx: WorkloadContext, budgetMs: number) {
        const reads: TxnOp[] = [];
        for (const [i, node] of toEvery.nodes.entries()) {
          const op = newOp<TxnOp>(ctx, "final", i + 1, { f: "state" });
          reads.push(await runOp(toEvery, CODEC, op, node, `${ctx.runId}-final`, budgetMs));
        }
        return reads;
      },
      close() {
        toCoordinator.close();
        toEvery.close();
      },
    };
  },
  // The coordinator is always node-0: plans name it, no role to track.
  roles: () => ({ observe: () => {}, holder: async () => null }),
  checks: twoPhaseCommitChecks,
  historyDocument: (run) =>
    historyDocument("two-phase-commit", run, (op) => ({ value: op.value ?? null })),
  describeOperation,
};
