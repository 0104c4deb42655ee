// The judge's side of a G-Counter run: clients adding and reading at random nodes, a final
// read at every node, the checks, and the history with each add's delta.
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import { counterChecks } from "./checks.ts";
import { CODEC, SERVICE } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  finalRead: { f: "read" },
  opBudgetMs: OP_BUDGET_MS,
  checks: counterChecks,
  model: "counter",
  historyFields: (op) => ({ value: op.f === "add" ? (op.value ?? 0) : null }),
});
