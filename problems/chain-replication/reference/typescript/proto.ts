// The wire messages of chain_replication.proto as this node sees them, and the loaded
// service. The proto lies beside the bundle (the platform copies it there). Loader options:
// field names as in the proto (keepCase), uint64 as JS numbers (seqs and epochs stay far
// below 2^53; with `longs: String` a comparison like "9" > "10" would be silently wrong),
// enums as their names, defaults filled in (an absent field reads 0 or "").
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export type Operation = "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND";
export type Status = "OK" | "NOT_HEAD" | "NOT_TAIL" | "UNAVAILABLE";
export type PeerStatus = "ACCEPTED" | "WRONG_EPOCH" | "GAP";

export interface ClientRequest {
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
export interface ClientResponse {
  status: Status;
  value: string;
  found: boolean;
  hint: string;
}
export interface ConfigureRequest {
  epoch: number;
  chain: string[];
}
export interface ConfigureResponse {
  epoch: number;
}
export interface PeerResponse {
  status: PeerStatus;
  epoch: number;
  last_seq: number;
}
export interface ForwardRequest {
  epoch: number;
  seq: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
export interface AckRequest {
  epoch: number;
  seq: number;
}
export interface KeyValue {
  key: string;
  value: string;
}
export interface Session {
  client_id: string;
  sequence: number;
  seq: number;
}
export interface TransferRequest {
  epoch: number;
  last_seq: number;
  entries: KeyValue[];
  sessions: Session[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Forward: Unary<ForwardRequest, PeerResponse>;
  Ack: Unary<AckRequest, PeerResponse>;
  Transfer: Unary<TransferRequest, PeerResponse>;
}

interface ChainPackage {
  chain: { ChainNode: grpc.ServiceClientConstructor };
}

export function loadChainService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "chain_replication.proto"), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as ChainPackage).chain.ChainNode;
}
