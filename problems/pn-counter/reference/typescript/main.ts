// Reference PN-Counter node: the platform runs it as `node node.cjs` with the node contract's
// environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each node counts the
// adds it acknowledged in its own slot (two counts), persists before answering, pushes it to
// every peer until acknowledged; a read is Σ increments − Σ decrements it knows (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { CounterFile } from "./counter-file.ts";
import { CounterNode, InvalidRequest } from "./counter-node.ts";
import { PeerSender } from "./peer-sender.ts";
import {
  loadCounterService,
  type AddRequest,
  type GossipRequest,
  type PeerClient,
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

const Service = loadCounterService();
const senders: PeerSender[] = [];
const counter = new CounterNode(nodeId, new CounterFile(dataDir), () => {
  for (const sender of senders) sender.poke();
});
for (const [, address] of peerAddresses) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  senders.push(new PeerSender(nodeId, client as unknown as PeerClient, () => counter.ownSlot()));
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
  Add: unary((req: AddRequest) => {
    counter.add(req);
    return {};
  }),
  Read: unary(() => ({ value: counter.value() })),
  Gossip: unary((req: GossipRequest) => {
    counter.gossip(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, counter at ${counter.value()}`);
  // After a restart the peers' acknowledgements are unknown: send the own slot once.
  for (const sender of senders) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
