// One fixed window node served over gRPC: its logic (node.ts) behind the three RPCs, its
// peers dialled through their addresses. main.ts starts it from the environment; the
// in-process gRPC test starts three.
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

export interface NodeEnv {
  nodeId: string;
  listenAddr: string;
  /** Every other node's id and address. */
  peers: ReadonlyMap<string, string>;
}

export interface RunningNode {
  stop(): void;
}

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

export function startNode(env: NodeEnv, protoPath?: string): Promise<RunningNode> {
  const Service = loadFixedWindowService(protoPath);
  const node = new FixedWindowNode(
    env.nodeId,
    [env.nodeId, ...env.peers.keys()],
    new Limiter(),
    new GrpcPeers(Service, env.peers),
    () => performance.now(),
  );
  const server = new grpc.Server();
  server.addService(Service.service, {
    Configure: unary((req: ConfigureRequest) => {
      node.configure(req);
      return {};
    }),
    Allow: unary(async (req: AllowRequest) => ({ allowed: await node.allow(req) })),
    Forward: unary((req: ForwardRequest) => ({ allowed: node.forwarded(req) })),
  });
  return new Promise((resolve, reject) =>
    server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) =>
      err ? reject(err) : resolve({ stop: () => server.forceShutdown() }),
    ),
  );
}
