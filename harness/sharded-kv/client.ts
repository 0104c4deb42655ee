// How the judge's clients talk to a sharded store (both statements' Put and Get): the
// operations, and what a call sends and an answer fills in (harness/any-node runs them).
import type { OpCodec } from "../any-node/run-op.ts";
import type { Operation } from "../operation.ts";

/**
 * key: the key of a put or get; value: what a put writes (unique in the run); output: what
 * a get returned (null: not found).
 */
export type ShardOp = Operation & {
  f: "put" | "get";
  key: string;
  value?: string;
  output?: string | null;
};

export interface ShardReply {
  found?: boolean;
  value?: string;
}

export const SHARD_CODEC: OpCodec<ShardOp, ShardReply> = {
  method: (op) => (op.f === "put" ? "Put" : "Get"),
  request(op) {
    if (op.f === "get") return { key: op.key };
    // Unique per run: the client and its operation's number (the judge's own: its label).
    op.value ??= `${op.client}-${op.sequence ?? 0}`;
    return { key: op.key, value: op.value };
  },
  answered(op, res) {
    if (op.f === "get") op.output = res?.found ? (res.value ?? "") : null;
  },
};

/** A client's call waits this long (the statements: a node answers within 1 s). */
export const CALL_DEADLINE_MS = 1200;
/** How long one operation keeps retrying before its client gives up on it (info). */
export const OP_BUDGET_MS = 3000;
