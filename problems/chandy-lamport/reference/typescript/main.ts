// Reference Chandy-Lamport node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each node
// holds tokens, pays peers over one numbered FIFO channel per peer, and records snapshots
// with markers on those channels (statement.md). Nothing is kept on disk: the problem has
// no crashes.
import * as grpc from "@grpc/grpc-js";
import { ChannelSender } from "./channel-sender.ts";
import {
  loadSnapshotService,
  type ChannelMessage,
  type PeerClient,
  type SnapshotIdRequest,
  type TransferRequest,
} from "./proto.ts";
import { InvalidRequest, Refused, SnapshotNode } from "./snapshot-node.ts";

/** A peer call unanswered this long is sent again (the statement's bound). */
const CALL_TIMEOUT_MS = 500;

/** Reconnect quickly to a peer that was unreachable: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const Service = loadSnapshotService();
const senders = new Map<string, ChannelSender>();
for (const [peer, address] of peerAddresses) {
  const client = new Service(
    address,
    grpc.credentials.createInsecure(),
    peerChannelOptions,
  ) as unknown as PeerClient;
  const sendOnce = (msg: ChannelMessage, done: (acknowledged: boolean) => void) =>
    client.Deliver(msg, { deadline: Date.now() + CALL_TIMEOUT_MS }, (err) => done(!err));
  senders.set(peer, new ChannelSender(nodeId, sendOnce, (ms, fn) => setTimeout(fn, ms)));
}
const node = new SnapshotNode(nodeId, senders);

type Handler<Req> = (req: Req) => object;

/** Adapts a handler to gRPC: a bad request is INVALID_ARGUMENT, a refusal FAILED_PRECONDITION. */
function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (err) {
      const code =
        err instanceof InvalidRequest
          ? grpc.status.INVALID_ARGUMENT
          : err instanceof Refused
            ? grpc.status.FAILED_PRECONDITION
            : grpc.status.INTERNAL;
      if (code === grpc.status.INTERNAL) console.error("request failed:", err);
      callback({ code, details: err instanceof Error ? err.message : String(err) });
    }
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Transfer: unary((req: TransferRequest) => {
    node.transfer(req);
    return {};
  }),
  StartSnapshot: unary((req: SnapshotIdRequest) => {
    node.startSnapshot(req.snapshot_id);
    return {};
  }),
  GetSnapshot: unary((req: SnapshotIdRequest) => node.getSnapshot(req.snapshot_id)),
  Deliver: unary((req: ChannelMessage) => {
    node.deliver(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
