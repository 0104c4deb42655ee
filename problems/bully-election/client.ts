// How the judge talks bully_election.proto: its one operation (which coordinator a node
// names), the service, and what an answer fills in (harness/any-node runs it).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

/** A poll of one node: output is the id it named, or null while it was electing. */
export type PollOp = Operation & { f: "coordinator"; output?: number | null };

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./bully_election.proto", import.meta.url)),
  service: "bully.BullyNode",
  callDeadlineMs: 1000,
};

export const CODEC: OpCodec<PollOp, { known?: boolean; coordinator?: number }> = {
  method: () => "GetCoordinator",
  request: () => ({}),
  answered(op, res) {
    op.output = res?.known ? (res.coordinator ?? 0) : null;
  },
};
