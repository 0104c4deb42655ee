// The wire messages of chandy_lamport.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there). uint64 as JS numbers;
// enums as their names.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface TransferRequest {
  client_id: string;
  sequence: number;
  to: string;
  amount: number;
}
export interface SnapshotIdRequest {
  snapshot_id: number;
}
export type MessageKind = "TOKENS" | "MARKER";
export interface ChannelMessage {
  from: string;
  sequence: number;
  kind: MessageKind;
  amount: number;
  snapshot_id: number;
}
export interface RecordedMessage {
  sequence: number;
  amount: number;
}
export interface ChannelState {
  from: string;
  last_applied: number;
  marker_received: boolean;
  marker_sequence: number;
  messages: RecordedMessage[];
}
export interface GetSnapshotReply {
  recorded: boolean;
  balance: number;
  complete: boolean;
  channels: ChannelState[];
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Deliver: Unary<ChannelMessage, object>;
}

interface SnapshotPackage {
  chandylamport: { SnapshotNode: grpc.ServiceClientConstructor };
}

export function loadSnapshotService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "chandy_lamport.proto"), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as SnapshotPackage).chandylamport
    .SnapshotNode;
}
