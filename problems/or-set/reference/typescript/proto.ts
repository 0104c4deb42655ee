// The wire messages of or_set.proto as this node sees them, and the loaded service. The
// proto lies beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface UpdateRequest {
  client_id: string;
  sequence: number;
  element: string;
}
export interface Tagged {
  tag: string;
  element: string;
}
export interface SyncRequest {
  from: string;
  adds: Tagged[];
  removes: Tagged[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Sync: Unary<SyncRequest, object>;
}

interface OrSetPackage {
  orset: { OrSetNode: grpc.ServiceClientConstructor };
}

export function loadSetService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "or_set.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as OrSetPackage).orset.OrSetNode;
}
