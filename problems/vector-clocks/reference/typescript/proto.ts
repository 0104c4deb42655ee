// The wire messages of vector_clocks.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export type Clock = Record<string, number>;

export interface EventRequest {
  client_id: string;
  sequence: number;
}
export interface SendRequest extends EventRequest {
  to: string;
}
export interface CompareRequest {
  a: Clock;
  b: Clock;
}
export interface DeliverRequest {
  from: string;
  message: number;
  clock: Clock;
}
export type Kind = "LOCAL" | "SEND" | "RECEIVE";
export type Order = "BEFORE" | "AFTER" | "CONCURRENT" | "EQUAL";
export interface LoggedEvent {
  kind: Kind;
  clock: Clock;
  peer: string;
  message: number;
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Deliver: Unary<DeliverRequest, object>;
}

interface ClockPackage {
  vectorclocks: { ClockNode: grpc.ServiceClientConstructor };
}

export function loadClockService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "vector_clocks.proto"), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as ClockPackage).vectorclocks.ClockNode;
}
