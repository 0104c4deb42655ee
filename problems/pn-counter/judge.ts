// The judge's side of a PN-Counter run: clients adding (either sign) and reading at random
// nodes, the plan's own adds at the nodes it chooses, a final read at every node, the
// checks, and the history with each add's delta.
import { NodeConnections } from "../../harness/any-node/connections.ts";
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import type { ProblemJudge } from "../../harness/problem.ts";
import { counterChecks } from "./checks.ts";
import { CODEC, SERVICE, type CounterOp } from "./client.ts";
import { planRequests } from "./plan-requests.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

const anyNode = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  finalRead: { f: "read" },
  opBudgetMs: OP_BUDGET_MS,
  checks: counterChecks,
  model: "counter",
  historyFields: (op) => ({ value: op.f === "add" ? (op.value ?? 0) : null }),
});

export const judge: ProblemJudge<CounterOp> = {
  ...anyNode,
  open(cluster) {
    const session = anyNode.open(cluster);
    // The plan's adds travel on connections of their own, closed with the session.
    const connections = new NodeConnections<{ value?: number }>(
      SERVICE,
      new Map(cluster.nodes.map((n) => [n.id, n])),
    );
    return {
      ...session,
      requests: (ctx) => planRequests(ctx, connections),
      close() {
        session.close();
        connections.close();
      },
    };
  },
};
