// Reference fixed window node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each key has
// one home node that counts its requests in the current window; the others forward to it
// and deny when it does not answer (statement.md). Nothing is written to disk.
import * as grpc from "@grpc/grpc-js";
import { GrpcPeers } from "./grpc-peers.ts";
import { InvalidRequest, Limiter } from "./limiter.ts";
import { FixedWindowNode } from "./node.ts";
import {
  loadFixedWindowService,
  type AllowRequest,
  type ConfigureRequest,
  type ForwardRequest,
} from "./proto.ts";

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const peerAddresses = new Map(
  (process.env.PEERS ?? "")
    .split(",")
    .filter(Boolean)
    .map((item) => item.split("=") as [string, string]),
);

const Service = loadFixedWindowService();
const node = new FixedWindowNode(
  nodeId,
  [nodeId, ...peerAddresses.keys()],
  new Limiter(),
  new GrpcPeers(Service, peerAddresses),
  () => performance.now(),
);

type Handler<Req> = (req: Req) => object | Promise<object>;

/** Adapts a handler to gRPC; a bad request is INVALID_ARGUMENT, anything else INTERNAL. */
function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          const code =
            err instanceof InvalidRequest ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
          if (code === grpc.status.INTERNAL) console.error("request failed:", err);
          callback({ code, details: String(err) });
        },
      );
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Configure: unary((req: ConfigureRequest) => {
    node.configure(req);
    return {};
  }),
  Allow: unary(async (req: AllowRequest) => ({ allowed: await node.allow(req) })),
  Forward: unary((req: ForwardRequest) => ({ allowed: node.forwarded(req) })),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
