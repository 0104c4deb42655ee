// Reference vector-clock node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Every event
// is stamped, logged and on disk before its answer; sends are delivered until acknowledged.
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { ClockFile } from "./clock-file.ts";
import { ClockNode, InvalidRequest } from "./clock-node.ts";
import { PeerSender } from "./peer-sender.ts";
import {
  loadClockService,
  type CompareRequest,
  type DeliverRequest,
  type EventRequest,
  type PeerClient,
  type SendRequest,
} from "./proto.ts";

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

const Service = loadClockService();
const senders = new Map<string, PeerSender>();
const node = new ClockNode(
  nodeId,
  peerAddresses.map(([peer]) => peer),
  new ClockFile(dataDir),
  (peer) => senders.get(peer)?.poke(),
);
for (const [peer, address] of peerAddresses) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  senders.set(
    peer,
    new PeerSender(
      client as unknown as PeerClient,
      () => node.nextFor(peer),
      (message) => node.acknowledged(peer, message),
    ),
  );
}

type Handler<Req> = (req: Req) => object;

/** Adapts a handler to gRPC; a bad request is INVALID_ARGUMENT, anything else INTERNAL. */
function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (err) {
      const code =
        err instanceof InvalidRequest ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
      if (code === grpc.status.INTERNAL) console.error("request failed:", err);
      callback({ code, details: String(err) });
    }
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Event: unary((req: EventRequest) => ({ clock: node.event(req) })),
  Send: unary((req: SendRequest) => ({ clock: node.send(req) })),
  Compare: unary((req: CompareRequest) => ({ order: node.compare(req) })),
  Log: unary(() => ({ events: node.log() })),
  Deliver: unary((req: DeliverRequest) => {
    node.deliver(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, ${node.log().length} events logged`);
  // After a restart: deliver what the peers had not acknowledged before the crash.
  for (const sender of senders.values()) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
