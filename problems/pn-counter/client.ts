// How the judge talks pn_counter.proto: its operations, the service, and what a call sends
// and an answer fills in (harness/any-node runs them).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { CounterOp } from "../../harness/counter-checks.ts";

export type { CounterOp };

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./pn_counter.proto", import.meta.url)),
  service: "pncounter.CounterNode",
  callDeadlineMs: 2000,
};

export const CODEC: OpCodec<CounterOp, { value?: number }> = {
  method: (op) => (op.f === "add" ? "Add" : "Read"),
  request: (op, clientId) =>
    op.f === "add" ? { client_id: clientId, sequence: op.sequence, delta: op.value } : {},
  answered(op, res) {
    if (op.f === "read") op.output = res?.value ?? 0;
  },
};
