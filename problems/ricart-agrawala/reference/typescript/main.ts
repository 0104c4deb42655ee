// Reference Ricart-Agrawala node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). An Acquire
// is a request stamped by the Lamport clock, granted once every peer replied; a node defers
// its reply while it holds the section or its own request goes first (statement.md).
import * as grpc from "@grpc/grpc-js";
import { Busy, InvalidRequest, MutexNode, Released } from "./mutex-node.ts";
import { PeerOutbox } from "./peer-outbox.ts";
import {
  loadMutexService,
  type AcquireRequest,
  type PeerClient,
  type PeerMessage,
  type ReleaseRequest,
} from "./proto.ts";

/** Reconnect quickly to a peer that was paused: the default backoff grows to minutes. */
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

const Service = loadMutexService();
const outboxes = new Map(
  peerAddresses.map(([peer, address]) => [
    peer,
    new PeerOutbox(
      nodeId,
      new Service(
        address,
        grpc.credentials.createInsecure(),
        peerChannelOptions,
      ) as unknown as PeerClient,
    ),
  ]),
);
const node = new MutexNode(nodeId, [...outboxes.keys()], (peer, kind, timestamp) =>
  outboxes.get(peer)?.deliver(kind, timestamp),
);

/** The gRPC status of a refusal: a bad request, a busy node, a released request. */
function statusOf(err: unknown): grpc.StatusObject {
  const code =
    err instanceof InvalidRequest
      ? grpc.status.INVALID_ARGUMENT
      : err instanceof Busy
        ? grpc.status.RESOURCE_EXHAUSTED
        : err instanceof Released
          ? grpc.status.FAILED_PRECONDITION
          : grpc.status.INTERNAL;
  if (code === grpc.status.INTERNAL) console.error("request failed:", err);
  return { code, details: String(err), metadata: new grpc.Metadata() };
}

type Handler<Req> = (req: Req) => object | Promise<object>;

function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(statusOf(err)),
      );
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Acquire: unary(async (req: AcquireRequest) => ({
    timestamp: await node.acquire(req.client_id, req.sequence),
  })),
  Release: unary((req: ReleaseRequest) => {
    node.release(req.client_id, req.sequence);
    return {};
  }),
  Request: unary((req: PeerMessage) => {
    node.onRequest(req.from, req.timestamp);
    return {};
  }),
  Reply: unary((req: PeerMessage) => {
    node.onReply(req.from, req.timestamp);
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
