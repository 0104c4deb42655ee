// The judge's side of a G-Counter run: clients adding and reading at random nodes, a final
// read at every node, the checks, and the history with each add's delta.
import type { ProblemJudge } from "../../harness/problem.ts";
import { describeOperation } from "../../harness/operation.ts";
import { counterChecks } from "./checks.ts";
import { CounterConnections, runOp, type CounterOp } from "./client.ts";
import { newOp, startWorkload } from "./workload.ts";

export const judge: ProblemJudge<CounterOp> = {
  open(cluster) {
    const connections = new CounterConnections(
      new Map(cluster.nodes.map((n) => [n.id, n.clientAddress])),
    );
    return {
      startWorkload: (ctx) => startWorkload(ctx, connections),
      /** One read at every node, each retried at that node until answered or out of budget. */
      async finalReads(ctx, budgetMs) {
        const reads: CounterOp[] = [];
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
  checks: counterChecks,
  historyDocument: (run) => ({
    format: "clusterjudge-history/v1",
    model: "counter",
    originMs: run.originMs,
    ops: run.history.map((op) => ({
      id: op.id,
      client: op.client,
      f: op.f,
      value: op.f === "add" ? (op.value ?? 0) : null,
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
