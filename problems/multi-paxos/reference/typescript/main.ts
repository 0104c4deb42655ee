// Reference Multi-Paxos key-value node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { ClientRequests, InvalidRequestError } from "./client-requests.ts";
import { messageBytesMax, readEnv } from "./config.ts";
import { PaxosFile } from "./paxos-file.ts";
import { PaxosNode } from "./paxos-node.ts";
import { grpcPeer, type Peer } from "./peers.ts";
import {
  loadPaxosService,
  type AcceptRequest,
  type ClientRequest,
  type HeartbeatRequest,
  type LearnRequest,
  type PaxosClient,
  type PrepareRequest,
} from "./proto.ts";

const messageLimits = {
  "grpc.max_receive_message_length": messageBytesMax,
  "grpc.max_send_message_length": messageBytesMax,
};
/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  ...messageLimits,
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const env = readEnv(process.env);
const dataDir = env.dataDir;
mkdirSync(dataDir, { recursive: true });
const { file, recovered, droppedBytes } = PaxosFile.open(dataDir);
if (droppedBytes > 0) console.log(`dropped a torn tail of ${droppedBytes} bytes`);

const Service = loadPaxosService();
const peers = new Map<string, Peer>();
for (const [id, address] of env.peers) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  peers.set(id, grpcPeer(client as unknown as PaxosClient));
}
const node = new PaxosNode({
  nodeId: env.nodeId,
  clusterSize: env.clusterSize,
  file,
  recovered,
  peers,
});
const clients = new ClientRequests(node);

type Handler<Req, Res> = (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Res | Promise<Res>;

/** Adapts a handler to gRPC; errors become statuses and reach this node's log, not a crash. */
function unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          if (err instanceof InvalidRequestError) {
            callback({ code: grpc.status.INVALID_ARGUMENT, details: err.message });
            return;
          }
          console.error("request failed:", err);
          callback({ code: grpc.status.INTERNAL, details: String(err) });
        },
      );
  };
}

const server = new grpc.Server(messageLimits);
server.addService(Service.service, {
  Prepare: unary((req: PrepareRequest) => node.handlePrepare(req)),
  Accept: unary((req: AcceptRequest) => node.handleAccept(req)),
  Learn: unary((req: LearnRequest) => {
    node.handleLearn(req);
    return {};
  }),
  Heartbeat: unary((req: HeartbeatRequest) => node.handleHeartbeat(req)),
  ClientRequest: unary((req: ClientRequest, call) =>
    clients.handle(req, Number(call.getDeadline())),
  ),
});
server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${env.listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${env.nodeId} listening on ${env.listenAddr}`);
  node.start();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
