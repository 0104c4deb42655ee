// How the judge talks gossip_broadcast.proto: its operations, the service, and what a call
// sends and an answer fills in (harness/any-node runs them). A broadcast's value is its
// operation id: unique in the run, and a retry of the operation sends the same value.
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

/** output: what a read returned, sorted, duplicates kept. */
export type BroadcastOp = Operation & { f: "broadcast" | "read"; output?: number[] };

/** The value a broadcast operation sends. */
export const valueOf = (op: Pick<BroadcastOp, "id">): number => op.id;

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./gossip_broadcast.proto", import.meta.url)),
  service: "gossipbroadcast.BroadcastNode",
  // A correct node answers within 1 s (the statement's bound).
  callDeadlineMs: 1200,
};

export const CODEC: OpCodec<BroadcastOp, { messages?: number[] }> = {
  method: (op) => (op.f === "broadcast" ? "Broadcast" : "Read"),
  request: (op) => (op.f === "broadcast" ? { message: valueOf(op) } : {}),
  answered(op, res) {
    // Sorted, duplicates kept: equal sets read equal, and a listed-twice value shows.
    if (op.f === "read") op.output = [...(res?.messages ?? [])].sort((a, b) => a - b);
  },
};
