// The judge of a sharded key-value store (consistent and rendezvous hashing): the any-node
// clients (puts and gets at random nodes), with the judge as the membership service around
// them (session.ts), the problem's checks, and the history with each operation's key and value.
import { anyNodeJudge } from "../any-node/judge.ts";
import { NodeConnections, type ServiceAddress } from "../any-node/connections.ts";
import type { Check, ProblemJudge } from "../problem.ts";
import { OP_BUDGET_MS, SHARD_CODEC, type ShardOp } from "./client.ts";
import { withMembership, type SessionHooks } from "./session.ts";
import { nextOp } from "./workload.ts";

export interface ShardedKvProblem extends SessionHooks {
  service: ServiceAddress;
  model: string;
  checks: readonly Check<ShardOp>[];
}

export function shardedKvJudge(problem: ShardedKvProblem): ProblemJudge<ShardOp> {
  const base = anyNodeJudge({
    service: problem.service,
    codec: SHARD_CODEC,
    next: nextOp,
    // Replaced by the session's own final reads (every key the run wrote).
    finalRead: { f: "get", key: "" },
    opBudgetMs: OP_BUDGET_MS,
    checks: problem.checks,
    model: problem.model,
    historyFields: (op) => ({ key: op.key, value: op.value ?? null }),
  });
  return {
    ...base,
    open(cluster) {
      const connections = new NodeConnections<object>(
        problem.service,
        new Map(cluster.nodes.map((n) => [n.id, n])),
      );
      const session = withMembership(base.open(cluster), connections, problem);
      return {
        ...session,
        close() {
          session.close();
          connections.close();
        },
      };
    },
  };
}
