// Reference Gossip Broadcast node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). A value a
// client broadcast here is on disk before the answer and pushed to every peer, batched,
// until each acknowledges it; a read lists every value held (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { BroadcastNode } from "./broadcast-node.ts";
import { PeerSender } from "./peer-sender.ts";
import {
  loadBroadcastService,
  type BroadcastRequest,
  type GossipRequest,
  type PeerClient,
} from "./proto.ts";
import { ValuesFile } from "./values-file.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const dataDir = process.env.DATA_DIR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

const Service = loadBroadcastService();
const senders: PeerSender[] = [];
const node = new BroadcastNode(
  peerAddresses.map(([peer]) => peer),
  new ValuesFile(dataDir),
  () => {
    for (const sender of senders) sender.poke();
  },
);
for (const [peer, address] of peerAddresses) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  senders.push(
    new PeerSender(
      nodeId,
      client as unknown as PeerClient,
      () => node.pending(peer),
      (sent) => node.acknowledged(peer, sent),
    ),
  );
}

type Handler<Req> = (req: Req) => object;

/** Adapts a handler to gRPC; anything thrown is INTERNAL, logged. */
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
  Broadcast: unary((req: BroadcastRequest) => {
    node.broadcast(req.message);
    return {};
  }),
  Read: unary(() => ({ messages: node.values() })),
  Gossip: unary((req: GossipRequest) => {
    node.gossip(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, holding ${node.values().length} values`);
  // After a restart: send what the peers had not acknowledged before the crash.
  for (const sender of senders) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
