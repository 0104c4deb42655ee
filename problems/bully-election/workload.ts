// A bully scenario's clients: each asks a random node which coordinator it names, over and
// over. A poll changes nothing, so an unanswered one is simply given up soon.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { PollOp } from "./client.ts";

export type PollWorkload = ClientsSpec;

/** How long one poll may keep retrying at its node before the client gives up on it. */
export const OP_BUDGET_MS = 1500;

export function nextOp(): Pick<PollOp, "f"> {
  return { f: "coordinator" };
}
