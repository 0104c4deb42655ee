// The judge's side of a Gossip Broadcast run: clients broadcasting and reading at random
// nodes, a final read at every node, the checks, and the history with each broadcast's value.
import { anyNodeJudge } from "../../harness/any-node/judge.ts";
import { broadcastChecks } from "./checks.ts";
import { CODEC, SERVICE, valueOf } from "./client.ts";
import { nextOp, OP_BUDGET_MS } from "./workload.ts";

export const judge = anyNodeJudge({
  service: SERVICE,
  codec: CODEC,
  next: nextOp,
  finalRead: { f: "read" },
  opBudgetMs: OP_BUDGET_MS,
  checks: broadcastChecks,
  model: "broadcast",
  historyFields: (op) => ({ value: op.f === "broadcast" ? valueOf(op) : null }),
});
