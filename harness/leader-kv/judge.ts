// The judge's side of a leader-based key-value store (Raft, Multi-Paxos, chain replication):
// the statements' clients following redirects over the problem's wire, the plan's own
// requests, one final read of every key, the problem's checks, and the history in the
// checker's kv format. The problem gives its wire, its role tracker and its checks.
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { historyDocument } from "../history-document.ts";
import type { Check, ProblemJudge, ProblemSession, RoleTracker } from "../problem.ts";
import { KvClient } from "./client.ts";
import { KvConnections } from "./connections.ts";
import { describeOp, type KvOp } from "./history.ts";
import { planRequests } from "./plan-requests.ts";
import { RouteMemory, makeTargeting } from "./targeting.ts";
import type { KvWire } from "./wire.ts";
import { keyName, startWorkload, type KvWorkload } from "./workload.ts";

export interface LeaderKvProblem<Redirect extends string> {
  wire: KvWire<Redirect>;
  /** Who holds each role, from the traffic: a fault names "the leader", "the tail", ... */
  roles(): RoleTracker;
  /** The properties in report order (checkKvLinearizable among them). */
  checks: readonly Check<KvOp<Redirect>>[];
  /**
   * The problem's own per-session behaviour, around the clients' session: e.g. the chain's
   * master, configuring the nodes over channels of its own. It returns the session the
   * harness uses, whose close must close `session` too.
   */
  extendSession?(
    cluster: ClusterHandle,
    session: ProblemSession<KvOp<Redirect>>,
  ): ProblemSession<KvOp<Redirect>>;
}

export function leaderKvJudge<Redirect extends string>(
  problem: LeaderKvProblem<Redirect>,
): ProblemJudge<KvOp<Redirect>> {
  return {
    open(cluster) {
      const session = openSession(problem.wire, cluster);
      return problem.extendSession ? problem.extendSession(cluster, session) : session;
    },
    roles: () => problem.roles(),
    checks: problem.checks,
    historyDocument: (run) =>
      historyDocument("kv", run, (op) => ({
        key: op.key,
        value: op.f === "get" ? null : (op.value ?? ""),
      })),
    describeOperation: describeOp,
  };
}

function openSession<Redirect extends string>(
  wire: KvWire<Redirect>,
  cluster: ClusterHandle,
): ProblemSession<KvOp<Redirect>> {
  const connections = new KvConnections(wire, new Map(cluster.nodes.map((n) => [n.id, n])));
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
        new RouteMemory(),
        ctx.random,
      );
      const client = new KvClient(`${ctx.runId}-final`, connections, targeting, ctx.nextOpId);
      const reads: KvOp<Redirect>[] = [];
      const count = (ctx.plan.workload as KvWorkload).keys;
      const keys = Array.from({ length: count }, (_, k) => keyName(k));
      for (const key of [...new Set([...keys, ...planKeys])]) {
        reads.push(await client.run({ f: "get", key }, budgetMs));
      }
      return reads;
    },
    close: () => connections.close(),
  };
}
