// What the judge's chain clients record: one operation per (client_id, sequence), from its
// first attempt to its final answer, each attempt kept (the node asked, when, what it said).
// The harness's neutral record narrowed to the chain's operations, as Raft's ClientOp is.
import type { Attempt as AnyAttempt, Operation } from "../../../harness/operation.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { ChainConfig } from "./configuration.ts";

export type AttemptResult = "ok" | "not_head" | "not_tail" | "unavailable" | "deadline" | "error";

export interface Attempt extends AnyAttempt {
  result: AttemptResult;
  /** NOT_HEAD's or NOT_TAIL's hint ("" when the node knows none). */
  hint?: string;
}

export interface ChainOp extends Operation {
  /** The client_id it sends (Operation's client). */
  client: string;
  sequence: number;
  f: "get" | "put" | "append";
  key: string;
  value?: string;
  /** GET's answer when OK. */
  output?: { value: string; found: boolean };
  outcome: "ok" | "fail" | "info";
  attempts: Attempt[];
}

/** What the chain's checks read: the run record's fields by name, and the master's record. */
export interface ChainRun {
  originMs: number;
  /** The peer traffic the agents kept, by start time. */
  messages: MessageRecord[];
  /** Messages the agents' bounded logs or the judge's caps left out. */
  messagesDropped: number;
  history: ChainOp[];
  /** Every configuration the judge sent, by epoch. */
  configs: ChainConfig[];
}
