// The wire messages of ricart_agrawala.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there). uint64 as JS numbers:
// timestamps stay far below 2^53.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface AcquireRequest {
  client_id: string;
  sequence: number;
}
export type ReleaseRequest = AcquireRequest;
/** A Request's and a Reply's fields alike: the sender and the request's timestamp. */
export interface PeerMessage {
  from: string;
  timestamp: number;
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Request: Unary<PeerMessage, object>;
  Reply: Unary<PeerMessage, object>;
}

interface MutexPackage {
  ricartagrawala: { MutexNode: grpc.ServiceClientConstructor };
}

export function loadMutexService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(__dirname, "ricart_agrawala.proto"), {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as MutexPackage).ricartagrawala
    .MutexNode;
}
