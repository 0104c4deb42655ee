// How the judge talks two_phase_commit.proto: its operations (transfers and reads, sent to the
// coordinator; the final State at every node), the service, and what an answer fills in.
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

export interface Transfer {
  source: string;
  target: string;
  amount: number;
}

export interface BalanceWire {
  account: string;
  amount: number;
}

/** An answered Transfer or ReadAll: its transaction and how it ended. */
export interface TxnAnswer {
  txn_id: number;
  outcome: "OUTCOME_COMMITTED" | "OUTCOME_ABORTED" | "OUTCOME_UNSPECIFIED";
  balances: BalanceWire[];
}

export interface TxnStateWire {
  txn_id: number;
  status:
    | "STATUS_PENDING"
    | "STATUS_PREPARED"
    | "STATUS_COMMITTED"
    | "STATUS_ABORTED"
    | "STATUS_UNSPECIFIED";
  vote: "YES" | "NO" | "VOTE_UNSPECIFIED";
}

/** A node's State answer: the final read at every node. */
export interface NodeState {
  balances: BalanceWire[];
  txns: TxnStateWire[];
}

export type TxnOp = Operation & {
  f: "transfer" | "read" | "state";
  value?: Transfer;
  /** A transfer's or a read's answer; a final read's node state. */
  output?: TxnAnswer | NodeState;
};

/** A transfer's or a read's answer, when it had one. */
export const answerOf = (op: TxnOp): TxnAnswer | undefined =>
  op.f === "state" || op.outcome !== "ok" ? undefined : (op.output as TxnAnswer | undefined);

/** A final read's node state, when it had one. */
export const stateOf = (op: TxnOp): NodeState | undefined =>
  op.f === "state" && op.outcome === "ok" ? (op.output as NodeState | undefined) : undefined;

/** An answer as harness/any-node's channels give it: enums as their numbers. */
interface Reply {
  txn_id?: number;
  outcome?: number | string;
  balances?: BalanceWire[];
  txns?: { txn_id: number; status: number | string; vote: number | string }[];
}

// The enums' value names by number, as two_phase_commit.proto declares them.
const OUTCOMES = ["OUTCOME_UNSPECIFIED", "OUTCOME_COMMITTED", "OUTCOME_ABORTED"] as const;
const STATUSES = [
  "STATUS_UNSPECIFIED",
  "STATUS_PENDING",
  "STATUS_PREPARED",
  "STATUS_COMMITTED",
  "STATUS_ABORTED",
] as const;
const VOTES = ["VOTE_UNSPECIFIED", "YES", "NO"] as const;

/** An enum's name from its number (or its name, should the channel give names). */
const named = <T extends string>(names: readonly T[], n: number | string | undefined): T =>
  (typeof n === "string" ? names.find((name) => name === n) : names[n ?? 0]) ?? (names[0] as T);

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./two_phase_commit.proto", import.meta.url)),
  service: "twopc.TwoPhaseCommitNode",
  // The coordinator waits up to 1.5 s for a decision before it answers UNAVAILABLE.
  callDeadlineMs: 2500,
};

const METHODS = { transfer: "Transfer", read: "ReadAll", state: "State" } as const;

export const CODEC: OpCodec<TxnOp, Reply> = {
  method: (op) => METHODS[op.f],
  request(op, clientId) {
    if (op.f === "state") return {};
    const who = { client_id: clientId, sequence: op.sequence };
    return op.f === "transfer" ? { ...who, ...op.value } : who;
  },
  answered(op, res) {
    if (op.f === "state")
      op.output = {
        balances: res?.balances ?? [],
        txns: (res?.txns ?? []).map((t) => ({
          txn_id: t.txn_id,
          status: named(STATUSES, t.status),
          vote: named(VOTES, t.vote),
        })),
      };
    else
      op.output = {
        txn_id: res?.txn_id ?? 0,
        outcome: named(OUTCOMES, res?.outcome),
        balances: res?.balances ?? [],
      };
  },
};
