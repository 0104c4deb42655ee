// The wire messages of the proto as this node sees them, and the loaded service. The proto
// lies beside the bundle (the platform copies it there). uint64 as JS numbers: epochs and
// versions stay far below 2^53.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export const PROTO_FILE = "consistent_hashing.proto";
const PACKAGE = "consistenthashing";

export interface PutRequest {
  key: string;
  value: string;
}
export interface PutReply {
  owner: string;
}
export interface GetRequest {
  key: string;
}
export interface GetReply {
  found: boolean;
  value: string;
  owner: string;
}
export interface MembershipRequest {
  epoch: number;
  members: string[];
}
export interface OwnersRequest {
  keys: string[];
}
export interface ForwardPutRequest extends PutRequest {
  epoch: number;
  from: string;
}
export interface ForwardGetRequest extends GetRequest {
  epoch: number;
  from: string;
}
export interface Entry {
  key: string;
  value: string;
  version: number;
}
export interface TransferRequest {
  from: string;
  epoch: number;
  entries: Entry[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  ForwardPut: Unary<ForwardPutRequest, PutReply>;
  ForwardGet: Unary<ForwardGetRequest, GetReply>;
  Transfer: Unary<TransferRequest, object>;
}

export function loadShardService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, PROTO_FILE), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(definition)[PACKAGE] as grpc.GrpcObject;
  return pkg["ShardNode"] as grpc.ServiceClientConstructor;
}
