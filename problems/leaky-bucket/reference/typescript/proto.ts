// The wire messages of leaky_bucket.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there). uint64 as JS numbers.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface AllowRequest {
  key: string;
  request_id: string;
}
export type ForwardRequest = AllowRequest;
export interface Decision {
  allowed: boolean;
}

type Unary<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/** A client for one peer. */
export interface PeerClient extends grpc.Client {
  Forward: Unary<ForwardRequest, Decision>;
}

interface LimiterPackage {
  leakybucket: { LeakyBucketNode: grpc.ServiceClientConstructor };
}

/** `protoPath`: beside the bundle by default; the in-process test names the problem's. */
export function loadLimiterService(
  protoPath = join(__dirname, "leaky_bucket.proto"),
): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as LimiterPackage).leakybucket
    .LeakyBucketNode;
}
