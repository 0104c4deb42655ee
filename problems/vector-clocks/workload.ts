// A vector-clock scenario's clients: each records a local event, sends a message to a random
// node, or asks a node to compare two events answered earlier, at a random node.
import type { ClientsSpec } from "../../harness/any-node/workload.ts";
import type { Random } from "../../harness/random.ts";
import type { ClockOp } from "./client.ts";

/** A vector-clock scenario's clients (ScenarioPlan.workload). */
export interface ClockWorkload extends ClientsSpec {
  /** The shares of local events and sends; the rest are compares. */
  eventShare: number;
  sendShare: number;
  /** Of the compares, the share asking about one event twice (the answer must be equal). */
  sameShare: number;
}

export const NODES = ["node-0", "node-1", "node-2"];

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function nextOp(rng: Random, spec: ClientsSpec): Pick<ClockOp, "f"> & Partial<ClockOp> {
  const { eventShare, sendShare, sameShare } = spec as ClockWorkload;
  const x = rng.next();
  if (x < eventShare) return { f: "event" };
  // The addressee is drawn among all three: a send to the node itself is refused (fail).
  if (x < eventShare + sendShare) return { f: "send", value: rng.pick(NODES) };
  return { f: "compare", pick: [rng.next(), rng.next() < sameShare ? -1 : rng.next()] };
}
