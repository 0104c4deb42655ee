// The wire messages of bully_election.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface ElectionRequest {
  sender: number;
  election: number;
}
export type CoordinatorRequest = ElectionRequest;
export interface HeartbeatRequest {
  sender: number;
}

type Unary<Req> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Election: Unary<ElectionRequest>;
  Coordinator: Unary<CoordinatorRequest>;
  Heartbeat: Unary<HeartbeatRequest>;
}

interface BullyPackage {
  bully: { BullyNode: grpc.ServiceClientConstructor };
}

export function loadBullyService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "bully_election.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as BullyPackage).bully.BullyNode;
}
