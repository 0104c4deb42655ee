// The judge's side of a rate limiter run: it configures every node with the plan's limit
// before any request (configure.ts), runs the plan's streams and bursts (workload.ts), and
// keeps what it configured as the run's problemRecord for the checks. No final reads: a
// limiter's state is judged from its answers alone.
import { historyDocument } from "../history-document.ts";
import { describeOperation } from "../operation.ts";
import type { Check, ProblemJudge } from "../problem.ts";
import { NodeConnections, type ServiceAddress } from "../any-node/connections.ts";
import type { AllowReply } from "./codec.ts";
import { Configurator } from "./configure.ts";
import type { AllowOp } from "./operation.ts";
import { startRateClients, type RateWorkload } from "./workload.ts";

/** The clients wait this long at most for every node to answer its first Configure. */
const FIRST_CONFIGURE_WAIT_MS = 5000;

export interface RateLimitProblem<Limit> {
  /** The problem's proto and service; its client RPCs are Configure and Allow. */
  service: ServiceAddress;
  /** The Configure request for the plan's limit, sent elapsedMs after the limiter's time 0. */
  configureRequest(limit: Limit, elapsedMs: number): object;
  checks: readonly Check<AllowOp>[];
  /** history.json's model name. */
  model: string;
}

export function rateLimitJudge<Limit>(problem: RateLimitProblem<Limit>): ProblemJudge<AllowOp> {
  return {
    open(cluster) {
      const connections = new NodeConnections<AllowReply>(
        problem.service,
        new Map(cluster.nodes.map((n) => [n.id, n])),
      );
      let configurator: Configurator | null = null;
      return {
        startWorkload(ctx) {
          const { limit } = ctx.plan.workload as RateWorkload<Limit>;
          const config = new Configurator(
            cluster,
            connections,
            limit,
            (elapsedMs) => problem.configureRequest(limit, elapsedMs),
            ctx.note,
          );
          configurator = config;
          // Every node configured before any request (statement.md): the clients wait.
          ctx.gate.hold();
          void config.start(FIRST_CONFIGURE_WAIT_MS).finally(() => ctx.gate.release());
          return startRateClients(ctx, connections, config);
        },
        finalReads: async () => [],
        record: () => configurator?.record(),
        close() {
          void configurator?.stop();
          connections.close();
        },
      };
    },
    // No node holds a role the plans name: any node answers any client.
    roles: () => ({ observe: () => {}, holder: async () => null }),
    checks: problem.checks,
    historyDocument: (run) =>
      historyDocument(problem.model, run, (op) => ({ key: op.key, steady: op.steady ?? false })),
    describeOperation,
  };
}
