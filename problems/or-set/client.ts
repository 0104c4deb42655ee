// How the judge talks or_set.proto: its operations, the service, and what a call sends and an
// answer fills in (harness/any-node runs them).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

/** key: the element of an add or remove; output: what a read returned, sorted. */
export type SetOp = Operation & { f: "add" | "remove" | "read"; key?: string; output?: string[] };

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./or_set.proto", import.meta.url)),
  service: "orset.OrSetNode",
  // A correct node answers within 1 s (the statement's bound).
  callDeadlineMs: 1200,
};

const METHOD = { add: "Add", remove: "Remove", read: "Read" } as const;

export const CODEC: OpCodec<SetOp, { elements?: string[] }> = {
  method: (op) => METHOD[op.f],
  request: (op, clientId) =>
    op.f === "read" ? {} : { client_id: clientId, sequence: op.sequence, element: op.key },
  answered(op, res) {
    if (op.f === "read") op.output = [...(res?.elements ?? [])].sort();
  },
};
