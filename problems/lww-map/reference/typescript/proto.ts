// The wire messages of lww_map.proto as this node sees them, and the loaded service. The
// proto lies beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface PutRequest {
  client_id: string;
  sequence: number;
  key: string;
  value: string;
}
export interface DeleteRequest {
  client_id: string;
  sequence: number;
  key: string;
}
export interface Stamp {
  wall_ms: number;
  logical: number;
  node: string;
}
export interface Write {
  key: string;
  value: string;
  deleted: boolean;
  stamp: Stamp;
}
export interface SyncRequest {
  from: string;
  writes: Write[];
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

interface LwwMapPackage {
  lwwmap: { LwwMapNode: grpc.ServiceClientConstructor };
}

export function loadMapService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "lww_map.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as LwwMapPackage).lwwmap.LwwMapNode;
}
