// The node's RPCs as gRPC handlers: each answer is the node's, a Refusal its gRPC status.
import * as grpc from "@grpc/grpc-js";
import { Refusal, type ShardNode } from "./shard-node.ts";

/** Adapts a handler to gRPC: a Refusal is its status, anything else INTERNAL. */
function unary<Req>(handler: (req: Req) => object | Promise<object>) {
  return (call: grpc.ServerUnaryCall<Req, object>, callback: grpc.sendUnaryData<object>): void => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          if (!(err instanceof Refusal)) console.error("request failed:", err);
          const code = err instanceof Refusal ? grpc.status[err.status] : grpc.status.INTERNAL;
          callback({ code, details: err instanceof Error ? err.message : String(err) });
        },
      );
  };
}

export function shardHandlers(node: ShardNode): grpc.UntypedServiceImplementation {
  return {
    Put: unary(node.put.bind(node)),
    Get: unary(node.get.bind(node)),
    SetMembership: unary((req: { epoch: number; members: string[] }) => ({
      epoch: node.setMembership(req),
    })),
    Owners: unary((req: { keys: string[] }) => node.owners(req.keys)),
    ForwardPut: unary(node.forwardPut.bind(node)),
    ForwardGet: unary(node.forwardGet.bind(node)),
    Transfer: unary((req: Parameters<ShardNode["transferIn"]>[0]) => {
      node.transferIn(req);
      return {};
    }),
  };
}
