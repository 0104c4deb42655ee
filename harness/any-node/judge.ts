// The judge's side of a problem where any node answers any client: seeded clients at random
// nodes, a final read at every node, the problem's checks, and its history document.
import { historyDocument } from "../history-document.ts";
import type { Operation } from "../operation.ts";
import { describeOperation } from "../operation.ts";
import type { Check, ProblemJudge, WorkloadContext } from "../problem.ts";
import type { Random } from "../random.ts";
import { NodeConnections, type ServiceAddress } from "./connections.ts";
import type { OpCodec } from "./run-op.ts";
import { anyNodeRequests, type ParseRequest } from "./plan-requests.ts";
import { runOp } from "./run-op.ts";
import { newOp, startClients, type ClientsSpec } from "./workload.ts";

export interface AnyNodeProblem<Op extends Operation, Res extends object> {
  service: ServiceAddress;
  codec: OpCodec<Op, Res>;
  /** A client's next operation's name and arguments. */
  next(rng: Random, spec: ClientsSpec, atMs: number): Pick<Op, "f"> & Partial<Op>;
  /** The final read's name and arguments. */
  finalRead: Pick<Op, "f"> & Partial<Op>;
  opBudgetMs: number;
  /** For a problem whose plans send requests of their own: how it reads one. */
  parseRequest?: ParseRequest<Op>;
  checks: readonly Check<Op>[];
  /** history.json's model name, and the operation's own fields in it. */
  model: string;
  historyFields(op: Op): object;
}

export function anyNodeJudge<Op extends Operation, Res extends object>(
  problem: AnyNodeProblem<Op, Res>,
): ProblemJudge<Op> {
  return {
    open(cluster) {
      const parse = problem.parseRequest;
      const connections = new NodeConnections<Res>(
        problem.service,
        new Map(cluster.nodes.map((n) => [n.id, n])),
      );
      return {
        startWorkload: (ctx) =>
          startClients(ctx, {
            connections,
            codec: problem.codec,
            next: problem.next,
            opBudgetMs: problem.opBudgetMs,
          }),
        /** One read at every node, each retried at that node until answered or out of budget. */
        async finalReads(ctx: WorkloadContext, budgetMs: number) {
          const reads: Op[] = [];
          for (const [i, node] of connections.nodes.entries()) {
            const op = newOp<Op>(ctx, "final", i + 1, problem.finalRead);
            const clientId = `${ctx.runId}-final`;
            reads.push(await runOp(connections, problem.codec, op, node, clientId, budgetMs));
          }
          return reads;
        },
        ...(parse && {
          requests: (ctx: WorkloadContext) =>
            anyNodeRequests(ctx, connections, problem.codec, parse),
        }),
        close: () => connections.close(),
      };
    },
    // No node holds a role: every node answers every client alike.
    roles: () => ({ observe: () => {}, holder: async () => null }),
    checks: problem.checks,
    historyDocument: (run) => historyDocument(problem.model, run, problem.historyFields),
    describeOperation,
  };
}
