// The wire messages of two_phase_commit.proto as this node sees them (enums by name, uint64 as
// JS numbers: ids and balances stay far below 2^53), and the loaded service. The proto lies
// beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export type Kind = "TRANSFER" | "READ";
export type Vote = "YES" | "NO";
export type Decision = "COMMIT" | "ABORT";

export interface Balance {
  account: string;
  amount: number;
}
export interface TransferRequest {
  client_id: string;
  sequence: number;
  source: string;
  target: string;
  amount: number;
}
export interface ReadAllRequest {
  client_id: string;
  sequence: number;
}
export interface PrepareRequest {
  txn_id: number;
  kind: Kind;
  source: string;
  target: string;
  amount: number;
}
export interface PrepareReply {
  vote: Vote;
  balances: Balance[];
}
export interface DecideRequest {
  txn_id: number;
  decision: Decision;
}
export interface QueryRequest {
  txn_id: number;
  participant: string;
}
export interface QueryReply {
  decision: Decision | "UNKNOWN";
}
export interface TxnState {
  txn_id: number;
  status: "STATUS_PENDING" | "STATUS_PREPARED" | "STATUS_COMMITTED" | "STATUS_ABORTED";
  vote: Vote | "VOTE_UNSPECIFIED";
}
export interface StateReply {
  balances: Balance[];
  txns: TxnState[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Prepare: Unary<PrepareRequest, PrepareReply>;
  Decide: Unary<DecideRequest, object>;
  QueryDecision: Unary<QueryRequest, QueryReply>;
}

interface TwoPcPackage {
  twopc: { TwoPhaseCommitNode: grpc.ServiceClientConstructor };
}

/** The service from the proto beside the bundle, or from `protoPath`. */
export function loadService(
  protoPath = join(__dirname, "two_phase_commit.proto"),
): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as TwoPcPackage).twopc
    .TwoPhaseCommitNode;
}
