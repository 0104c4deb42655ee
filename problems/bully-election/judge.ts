// The judge's side of a bully run: clients polling random nodes for the coordinator they
// name, a final poll of every node, the checks, and the history with each answer.
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import { bullyChecks } from "./checks.ts";
import { CODEC, SERVICE } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  finalRead: { f: "coordinator" },
  opBudgetMs: OP_BUDGET_MS,
  checks: bullyChecks,
  model: "coordinator",
  historyFields: () => ({}),
});
