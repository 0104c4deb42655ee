// Reference consistent-hashing node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Logic in
// shard-node.ts, the ring in owner.ts, durable state in state-file.ts, the RPCs in handlers.ts.
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { grpcTransport } from "./grpc-transport.ts";
import { shardHandlers } from "./handlers.ts";
import { loadShardService } from "./proto.ts";
import { ShardNode } from "./shard-node.ts";
import { StateFile } from "./state-file.ts";

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const dataDir = process.env.DATA_DIR ?? "";
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

const Service = loadShardService();
const nodes = [nodeId, ...peers.map(([id]) => id)].sort();
const node = new ShardNode(nodeId, nodes, new StateFile(dataDir), grpcTransport(Service, peers));

const server = new grpc.Server();
server.addService(Service.service, shardHandlers(node));
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, view epoch ${node.epoch}`);
  node.resumeTransfers();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
