// The judge's side of a Raft run: the spec's clients over the problem's proto, the leader
// read from the traffic, the checks, and the history in the checker's kv format.
import { historyDocument } from "../../harness/history-document.ts";
import type { ProblemJudge } from "../../harness/problem.ts";
import { raftChecks } from "./checks.ts";
import { describeOp, type ClientOp } from "./checks/history.ts";
import { RaftClient, RaftConnections } from "./client.ts";
import { LeaderTracker } from "./leader-tracker.ts";
import { planRequests } from "./plan-requests.ts";
import { LeaderMemory, makeTargeting } from "./targeting.ts";
import { keyName, startWorkload, type RaftWorkload } from "./workload.ts";

export const judge: ProblemJudge<ClientOp> = {
  open(cluster) {
    const connections = new RaftConnections(new Map(cluster.nodes.map((n) => [n.id, n])));
    /** Keys the plan's own requests wrote, read at the end with the workload's. */
    const planKeys = new Set<string>();
    return {
      startWorkload: (ctx) => startWorkload(ctx, connections),
      requests: (ctx) => planRequests(ctx, connections, planKeys),
      /** One read of every key (the workload's, the plan's), by a client following hints. */
      async finalReads(ctx, budgetMs) {
        const nodes = connections.nodes;
        const targeting = makeTargeting(
          "leader",
          nodes,
          nodes[0] as string,
          new LeaderMemory(),
          ctx.random,
        );
        const client = new RaftClient(`${ctx.runId}-final`, connections, targeting, ctx.nextOpId);
        const reads: ClientOp[] = [];
        const count = (ctx.plan.workload as RaftWorkload).keys;
        const keys = Array.from({ length: count }, (_, k) => keyName(k));
        for (const key of [...new Set([...keys, ...planKeys])]) {
          reads.push(await client.run({ f: "get", key }, budgetMs));
        }
        return reads;
      },
      close: () => connections.close(),
    };
  },
  roles: () => new LeaderTracker(),
  checks: raftChecks,
  historyDocument: (run) =>
    historyDocument("kv", run, (op) => ({
      key: op.key,
      value: op.f === "get" ? null : (op.value ?? ""),
    })),
  describeOperation: describeOp,
};
