// Reference OR-Set node: the platform runs it as `node node.cjs` with the node contract's
// environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each node tags its adds,
// tombstones the tags a remove saw, persists before answering, and sends each peer its own
// changes until acknowledged; a read lists the elements with a live tag (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { InvalidRequest, OrSetNode } from "./or-set-node.ts";
import { PeerSender } from "./peer-sender.ts";
import { loadSetService, type PeerClient, type SyncRequest, type UpdateRequest } from "./proto.ts";
import { SetFile } from "./set-file.ts";

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

const Service = loadSetService();
const senders: PeerSender[] = [];
const set = new OrSetNode(
  nodeId,
  peerAddresses.map(([peer]) => peer),
  new SetFile(dataDir),
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
      () => set.pending(peer),
      (sent) => set.acknowledged(peer, sent),
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
  Add: unary((req: UpdateRequest) => {
    set.add(req);
    return {};
  }),
  Remove: unary((req: UpdateRequest) => {
    set.remove(req);
    return {};
  }),
  Read: unary(() => ({ elements: set.elements() })),
  Sync: unary((req: SyncRequest) => {
    set.sync(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, holding ${JSON.stringify(set.elements())}`);
  // After a restart: send what the peers had not acknowledged before the crash.
  for (const sender of senders) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
