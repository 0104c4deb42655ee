// Reference bully election node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). It keeps
// nothing on disk: a started node names nobody and elects (statement.md).
import * as grpc from "@grpc/grpc-js";
import { BullyNode } from "./bully-node.ts";
import { GrpcTransport, realTimers } from "./grpc-transport.ts";
import {
  loadBullyService,
  type CoordinatorRequest,
  type ElectionRequest,
  type HeartbeatRequest,
  type PeerClient,
} from "./proto.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 500,
};

/** "node-3" → 3. */
const idOf = (name: string): number => Number(name.slice(name.lastIndexOf("-") + 1));

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const Service = loadBullyService();
const clients = new Map<number, PeerClient>();
for (const [name, address] of peerAddresses) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  clients.set(idOf(name), client as unknown as PeerClient);
}
const node = new BullyNode(
  idOf(nodeId),
  [...clients.keys()],
  new GrpcTransport(clients),
  realTimers,
);

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

const server = new grpc.Server();
server.addService(Service.service, {
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
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}; electing`);
  node.start();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
