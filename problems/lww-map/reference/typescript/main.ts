// Reference LWW map node: the platform runs it as `node node.cjs` with the node contract's
// environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each node stamps its
// writes with a hybrid logical clock, keeps each key's highest-stamped write (deletes as
// tombstones), persists before answering, and sends each peer its own writes until
// acknowledged; a get answers from what the node holds (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { InvalidRequest, LwwMapNode } from "./lww-node.ts";
import { MapFile } from "./map-file.ts";
import { PeerSender } from "./peer-sender.ts";
import {
  loadMapService,
  type DeleteRequest,
  type PeerClient,
  type PutRequest,
  type SyncRequest,
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

const Service = loadMapService();
const senders: PeerSender[] = [];
const map = new LwwMapNode(
  nodeId,
  peerAddresses.map(([peer]) => peer),
  new MapFile(dataDir),
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
      () => map.pending(peer),
      (sent) => map.acknowledged(peer, sent),
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
  Put: unary((req: PutRequest) => {
    map.put(req);
    return {};
  }),
  Delete: unary((req: DeleteRequest) => {
    map.delete(req);
    return {};
  }),
  Get: unary((req: { key: string }) => {
    const value = map.get(req.key);
    return value === undefined ? { found: false, value: "" } : { found: true, value };
  }),
  Read: unary(() => ({ entries: map.entries() })),
  Sync: unary((req: SyncRequest) => {
    map.sync(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  // The wall clock as this process reads it: beside the log's own time it shows a skew.
  console.log(`${nodeId} listening on ${listenAddr}, its clock reads ${Date.now()} ms`);
  // After a restart: send what the peers had not acknowledged before the crash.
  for (const sender of senders) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
