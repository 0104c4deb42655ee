// The wire messages of raft.proto as this node sees them, and the loaded service. The proto
// lies beside the bundle (the platform copies it there). Loader options: field names as in the
// proto (keepCase), uint64 as JS numbers (terms and indices stay far below 2^53; with
// `longs: String` a comparison like "9" > "10" would be silently wrong), enums as their names.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface VoteRequest {
  term: number;
  candidate_id: string;
  last_log_index: number;
  last_log_term: number;
}
export interface VoteResponse {
  term: number;
  vote_granted: boolean;
}
export interface WireEntry {
  term: number;
  index: number;
  command: Buffer;
}
export interface AppendRequest {
  term: number;
  leader_id: string;
  prev_log_index: number;
  prev_log_term: number;
  entries: WireEntry[];
  leader_commit: number;
}
export interface AppendResponse {
  term: number;
  success: boolean;
  conflict_term: number;
  conflict_index: number;
}
export type Operation = "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND";
export type Status = "OK" | "NOT_LEADER" | "UNAVAILABLE";
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
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  RequestVote: Unary<VoteRequest, VoteResponse>;
  AppendEntries: Unary<AppendRequest, AppendResponse>;
}

interface RaftPackage {
  raft: { ConsensusNode: grpc.ServiceClientConstructor };
}

export function loadRaftService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "raft.proto"), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as RaftPackage).raft.ConsensusNode;
}
