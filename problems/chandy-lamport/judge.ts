// The judge's side of a Chandy-Lamport run: clients paying at random nodes and the plan's
// snapshot starts (workload.ts), then GetSnapshot of every snapshot started at every node,
// the checks, and the history with each operation's node, payee and amount or snapshot id.
import { NodeConnections } from "../../harness/any-node/connections.ts";
import { newOp } from "../../harness/any-node/workload.ts";
import { historyDocument } from "../../harness/history-document.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { ProblemJudge } from "../../harness/problem.ts";
import { snapshotChecks } from "./checks.ts";
import { runAt, SERVICE, type SnapshotOp, type SnapshotView } from "./client.ts";
import { startSnapshotWorkload } from "./workload.ts";

export const judge: ProblemJudge<SnapshotOp> = {
  open(cluster) {
    const connections = new NodeConnections<SnapshotView>(
      SERVICE,
      new Map(cluster.nodes.map((n) => [n.id, n])),
    );
    let history: readonly SnapshotOp[] = [];
    return {
      startWorkload(ctx) {
        const run = startSnapshotWorkload(ctx, connections);
        history = run.history;
        return run;
      },
      /** GetSnapshot of every snapshot the workload tried to start, at every node in turn. */
      async finalReads(ctx, budgetMs) {
        const ids = [...new Set(history.filter((op) => op.f === "start").map((op) => op.value))];
        const reads: SnapshotOp[] = [];
        for (const id of ids.sort((a, b) => a - b))
          for (const node of connections.nodes) {
            const op = newOp<SnapshotOp>(ctx, "final", reads.length + 1, { f: "read", value: id });
            reads.push(await runAt(connections, op, node, `${ctx.runId}-final`, budgetMs));
          }
        return reads;
      },
      close: () => connections.close(),
    };
  },
  // No node holds a role: every node answers every client alike.
  roles: () => ({ observe: () => {}, holder: async () => null }),
  checks: snapshotChecks,
  historyDocument: (run) =>
    historyDocument("chandy-lamport", run, (op) => ({
      node: op.attempts.at(-1)?.node ?? null,
      to: op.f === "transfer" ? (op.key ?? null) : null,
      amount: op.f === "transfer" ? op.value : null,
      snapshot_id: op.f === "transfer" ? null : op.value,
    })),
  describeOperation,
};
