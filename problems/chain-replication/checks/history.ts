// What the judge's chain clients record: one operation per (client_id, sequence), from its
// first attempt to its final answer, each attempt kept (the node asked, when, what it said).
// The harness's neutral record narrowed to the chain's operations, as Raft's ClientOp is.
import type { KvAttempt, KvAttemptResult, KvOp } from "../../../harness/leader-kv/history.ts";
import type { Messages } from "../../../shared/ports/cluster.ts";
import type { ChainConfig } from "./configuration.ts";

/** NOT_HEAD and NOT_TAIL, as the chain's wire names them (wire.ts). */
export type ChainRedirect = "not_head" | "not_tail";
export type AttemptResult = KvAttemptResult<ChainRedirect>;
export type Attempt = KvAttempt<ChainRedirect>;
export type ChainOp = KvOp<ChainRedirect>;

/** What the chain's checks read: the run record's fields by name, and the master's record. */
export interface ChainRun {
  originMs: number;
  /** The peer traffic the agents kept, by start time. */
  messages: Messages;
  /** Messages the agents' bounded logs or the judge's caps left out. */
  messagesDropped: number;
  history: ChainOp[];
  /** Every configuration the judge sent, by epoch. */
  configs: ChainConfig[];
}
