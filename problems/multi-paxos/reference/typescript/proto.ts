// The wire messages of multi_paxos.proto as this node sees them, and the loaded service. The
// proto lies beside the bundle (the platform copies it there). Loader options: field names as
// in the proto (keepCase), uint64 as JS numbers (rounds and slots stay far below 2^53; with
// `longs: String` a comparison like "9" > "10" would be silently wrong), enums as their names.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export type Operation = "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND" | "NOOP";
export type Status = "OK" | "NOT_LEADER" | "UNAVAILABLE";

export interface PrepareRequest {
  ballot_round: number;
  ballot_node: number;
  from_slot: number;
}
export interface AcceptedSlot {
  slot: number;
  ballot_round: number;
  ballot_node: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
export interface PrepareResponse {
  promised: boolean;
  promised_round: number;
  promised_node: number;
  accepted: AcceptedSlot[];
}
export interface AcceptRequest {
  ballot_round: number;
  ballot_node: number;
  slot: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
export interface AcceptResponse {
  accepted: boolean;
  promised_round: number;
  promised_node: number;
}
export interface LearnRequest {
  slot: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
export type LearnResponse = Record<string, never>;
export interface HeartbeatRequest {
  ballot_round: number;
  ballot_node: number;
  chosen_through: number;
}
export interface HeartbeatResponse {
  promised_round: number;
  promised_node: number;
  learned_through: number;
}
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
  leader_hint: string;
  slot: number;
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A gRPC client for one peer. */
export interface PaxosClient extends grpc.Client {
  Prepare: Unary<PrepareRequest, PrepareResponse>;
  Accept: Unary<AcceptRequest, AcceptResponse>;
  Learn: Unary<LearnRequest, LearnResponse>;
  Heartbeat: Unary<HeartbeatRequest, HeartbeatResponse>;
}

interface PaxosPackage {
  multipaxos: { PaxosNode: grpc.ServiceClientConstructor };
}

/** The service, from the proto beside the bundle unless told where it is. */
export function loadPaxosService(
  protoPath = join(__dirname, "multi_paxos.proto"),
): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as PaxosPackage).multipaxos.PaxosNode;
}
