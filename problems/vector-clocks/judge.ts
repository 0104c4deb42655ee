// The judge's side of a vector-clock run: clients recording events, sending messages and
// asking for comparisons at random nodes, a final Log at every node, the checks, and the
// history. Each run gets its own pool of answered events for its compares.
import { anyNodeJudge, type AnyNodeProblem } from "../../harness/any-node/judge.ts";
import type { ProblemJudge } from "../../harness/problem.ts";
import { clockChecks } from "./checks.ts";
import { codecFor, EventPool, SERVICE, type ClockOp } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

const problem = (pool: EventPool): AnyNodeProblem<ClockOp, object> => ({
  service: SERVICE,
  codec: codecFor(pool),
  next: nextOp,
  finalRead: { f: "log" },
  opBudgetMs: OP_BUDGET_MS,
  checks: clockChecks,
  model: "vector-clocks",
  historyFields: (op) => ({ value: op.value ?? null, compared: op.compared ?? null }),
});

const shared = anyNodeJudge(problem(new EventPool()));

export const judge: ProblemJudge<ClockOp> = {
  ...shared,
  open: (cluster) => anyNodeJudge(problem(new EventPool())).open(cluster),
};
