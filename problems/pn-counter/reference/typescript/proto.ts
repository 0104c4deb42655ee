// The wire messages of pn_counter.proto as this node sees them, and the loaded service. The
// proto lies beside the bundle (the platform copies it there). 64-bit integers as JS
// numbers: counts stay far below 2^53.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface AddRequest {
  client_id: string;
  sequence: number;
  delta: number;
}
export interface Slot {
  node_id: string;
  increments: number;
  decrements: number;
}
export interface GossipRequest {
  from: string;
  slots: Slot[];
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

interface CounterPackage {
  pncounter: { CounterNode: grpc.ServiceClientConstructor };
}

export function loadCounterService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "pn_counter.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as CounterPackage).pncounter
    .CounterNode;
}
