// Reference Raft key-value node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { ClientRequests, InvalidRequestError } from "./client-requests.ts";
import { readEnv } from "./config.ts";
import { LogFile } from "./log-file.ts";
import { MetaFile } from "./meta-file.ts";
import {
  loadRaftService,
  type AppendRequest,
  type ClientRequest,
  type PeerClient,
  type VoteRequest,
} from "./proto.ts";
import { RaftNode } from "./raft-node.ts";
import { StateMachine } from "./state-machine.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const env = readEnv(process.env);
const dataDir = env.dataDir;
mkdirSync(dataDir, { recursive: true });
const { log, droppedBytes } = LogFile.open(dataDir);
if (droppedBytes > 0) console.log(`dropped a torn log tail of ${droppedBytes} bytes`);

const Service = loadRaftService();
const peers = new Map<string, PeerClient>();
for (const [id, address] of env.peers) {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  peers.set(id, client as unknown as PeerClient);
}
const node = new RaftNode({
  nodeId: env.nodeId,
  clusterSize: env.clusterSize,
  meta: new MetaFile(dataDir),
  log,
  machine: new StateMachine(),
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

const server = new grpc.Server();
server.addService(Service.service, {
  RequestVote: unary((req: VoteRequest) => node.handleRequestVote(req)),
  AppendEntries: unary((req: AppendRequest) => node.handleAppendEntries(req)),
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
