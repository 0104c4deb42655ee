// How the judge talks ricart_agrawala.proto: an entry is two operations at one node, an
// acquire (answered with the request's Lamport timestamp) and the release of its sequence.
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

/** key: the node the client is pinned to; an ok acquire's output: its request timestamp. */
export type MutexOp = Operation & { f: "acquire" | "release"; key: string; output?: number };

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./ricart_agrawala.proto", import.meta.url)),
  service: "ricartagrawala.MutexNode",
  // An Acquire is a long call: it waits its turn. Past this it is retried with the same id.
  callDeadlineMs: 2500,
};

export const CODEC: OpCodec<MutexOp, { timestamp?: number }> = {
  method: (op) => (op.f === "acquire" ? "Acquire" : "Release"),
  request: (op, clientId) => ({ client_id: clientId, sequence: op.sequence }),
  answered(op, res) {
    if (op.f === "acquire") op.output = res?.timestamp ?? 0;
  },
};
