// The gRPC handlers of bully_election.proto over one BullyNode: every call is answered at
// once, from memory; the node's reactions (an election of its own) run after the answer.
import * as grpc from "@grpc/grpc-js";
import type { BullyNode } from "./bully-node.ts";
import type { CoordinatorRequest, ElectionRequest, HeartbeatRequest } from "./proto.ts";

type Handler<Req> = (req: Req) => object;

/** Adapts a handler to gRPC: every answer is immediate, a failure is INTERNAL. */
function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (err) {
      console.error("request failed:", err);
      callback({ code: grpc.status.INTERNAL, details: String(err) });
    }
  };
}

export function handlers(node: BullyNode): grpc.UntypedServiceImplementation {
  return {
    GetCoordinator: unary(() => {
      const named = node.coordinator();
      return named === null ? { known: false } : { known: true, coordinator: named };
    }),
    Election: unary((req: ElectionRequest) => {
      node.onElection(req.sender);
      return {};
    }),
    Coordinator: unary((req: CoordinatorRequest) => {
      node.onCoordinator(req.sender);
      return {};
    }),
    Heartbeat: unary((req: HeartbeatRequest) => {
      node.onHeartbeat(req.sender);
      return {};
    }),
  };
}
