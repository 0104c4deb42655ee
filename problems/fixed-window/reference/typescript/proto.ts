// The wire messages of fixed_window.proto as this node sees them, and the loaded service.
// The proto lies beside the bundle (the platform copies it there).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

export interface ConfigureRequest {
  limit: number;
  window_ms: number;
  elapsed_ms: number;
}
export interface AllowRequest {
  key: string;
  request_id: string;
}
export interface ForwardRequest {
  key: string;
  request_id: string;
  from: string;
}
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

interface FixedWindowPackage {
  fixedwindow: { FixedWindowNode: grpc.ServiceClientConstructor };
}

/** The service, from the proto beside the bundle unless told where it is. */
export function loadFixedWindowService(
  protoPath = join(__dirname, "fixed_window.proto"),
): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  return (grpc.loadPackageDefinition(definition) as unknown as FixedWindowPackage).fixedwindow
    .FixedWindowNode;
}
