// Reference bully election node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). It keeps
// nothing on disk: a started node names nobody and elects (statement.md).
import * as grpc from "@grpc/grpc-js";
import { BullyNode } from "./bully-node.ts";
import { GrpcTransport, realTimers } from "./grpc-transport.ts";
import { loadBullyService, type PeerClient } from "./proto.ts";
import { handlers } from "./service.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 500,
};
/** How often the log is told whom the node names, when that changed. */
const LOG_EVERY_MS = 100;

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

const server = new grpc.Server();
server.addService(Service.service, handlers(node));
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}; electing`);
  node.start();
  let logged: number | null | undefined;
  setInterval(() => {
    const named = node.coordinator();
    if (named === logged) return;
    logged = named;
    console.log(named === null ? "electing" : `names node-${named} as coordinator`);
  }, LOG_EVERY_MS);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
