// The judge's side of an LWW map run: clients putting, deleting and getting at random nodes,
// a final read of the whole map at every node, the checks, and the history with each
// operation's key and value.
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import { keyedRequest } from "../../harness/any-node/plan-requests.ts";
import { mapChecks } from "./checks.ts";
import { CODEC, SERVICE } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  parseRequest: keyedRequest(["put", "delete"]),
  finalRead: { f: "read" },
  opBudgetMs: OP_BUDGET_MS,
  checks: mapChecks,
  model: "lww-map",
  historyFields: (op) => ({ key: op.key ?? null, value: op.value ?? null }),
});
