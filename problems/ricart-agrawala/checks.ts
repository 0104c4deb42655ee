// Every Ricart-Agrawala scenario's checks, in report order: safety from what the clients
// saw, then the protocol's order and cost from the traffic, then liveness. statement.md
// argues each one's soundness.
import type { Check } from "../../harness/problem.ts";
import { checkGrantOrder } from "./checks/grant-order.ts";
import { checkLiveness } from "./checks/liveness.ts";
import { checkMessages } from "./checks/messages.ts";
import { checkMutualExclusion } from "./checks/mutual-exclusion.ts";
import type { MutexOp } from "./client.ts";

export const mutexChecks: readonly Check<MutexOp>[] = [
  { name: "mutual exclusion", required: true, run: checkMutualExclusion },
  { name: "grant order", required: true, run: checkGrantOrder },
  { name: "messages per entry", required: true, run: checkMessages },
  { name: "liveness", required: true, run: checkLiveness },
];
