// The judge's side of an OR-Set run: clients adding, removing and reading at random nodes, a
// final read at every node, the checks, and the history with each operation's element.
import type { ProblemJudge } from "../../harness/problem.ts";
import { describeOperation } from "../../harness/operation.ts";
import { setChecks } from "./checks.ts";
import { SetConnections, runOp, type SetOp } from "./client.ts";
import { newOp, startWorkload } from "./workload.ts";

export const judge: ProblemJudge<SetOp> = {
  open(cluster) {
    const connections = new SetConnections(
      new Map(cluster.nodes.map((n) => [n.id, n.clientAddress])),
    );
    return {
      startWorkload: (ctx) => startWorkload(ctx, connections),
      /** One read at every node, each retried at that node until answered or out of budget. */
      async finalReads(ctx, budgetMs) {
        const reads: SetOp[] = [];
        for (const [i, node] of connections.nodes.entries()) {
          const op = newOp(ctx, "final", i + 1, "read");
          reads.push(await runOp(connections, op, node, `${ctx.runId}-final`, budgetMs));
        }
        return reads;
      },
      close: () => connections.close(),
    };
  },
  // No node holds a role: every node answers every client alike.
  roles: () => ({ observe: () => {}, holder: async () => null }),
  checks: setChecks,
  historyDocument: (run) => ({
    format: "clusterjudge-history/v1",
    model: "or-set",
    originMs: run.originMs,
    ops: run.history.map((op) => ({
      id: op.id,
      client: op.client,
      f: op.f,
      key: op.key ?? null,
      output: op.output ?? null,
      type: op.outcome,
      startMs: op.startMs,
      endMs: op.endMs,
      sequence: op.sequence,
      attempts: op.attempts,
    })),
  }),
  describeOperation,
};
