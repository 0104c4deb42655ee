// The judge's side of an OR-Set run: clients adding, removing and reading at random nodes, a
// final read at every node, the checks, and the history with each operation's element.
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import { keyedRequest } from "../../harness/any-node/plan-requests.ts";
import { setChecks } from "./checks.ts";
import { CODEC, SERVICE } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  parseRequest: keyedRequest(["add", "remove"]),
  finalRead: { f: "read" },
  opBudgetMs: OP_BUDGET_MS,
  checks: setChecks,
  model: "or-set",
  historyFields: (op) => ({ key: op.key ?? null }),
});
