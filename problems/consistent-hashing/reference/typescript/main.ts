// Reference consistent-hashing node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Logic in
// shard-node.ts, the ring in owner.ts, durable state in state-file.ts.
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { grpcTransport } from "./grpc-transport.ts";
import { VNODES } from "./owner.ts";
import { loadShardService } from "./proto.ts";
import { Refusal, ShardNode } from "./shard-node.ts";
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

/** Adapts a handler to gRPC: a Refusal is its status, anything else INTERNAL. */
function unary<Req>(handler: (req: Req) => object | Promise<object>) {
  return (call: grpc.ServerUnaryCall<Req, object>, callback: grpc.sendUnaryData<object>): void => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          if (!(err instanceof Refusal)) console.error("request failed:", err);
          const code = err instanceof Refusal ? grpc.status[err.status] : grpc.status.INTERNAL;
          callback({ code, details: err instanceof Error ? err.message : String(err) });
        },
      );
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Put: unary(node.put.bind(node)),
  Get: unary(node.get.bind(node)),
  SetMembership: unary((req: { epoch: number; members: string[] }) => ({
    epoch: node.setMembership(req),
  })),
  Owners: unary((req: { keys: string[] }) => node.owners(req.keys)),
  Info: unary(() => ({ vnodes: VNODES })),
  ForwardPut: unary(node.forwardPut.bind(node)),
  ForwardGet: unary(node.forwardGet.bind(node)),
  Transfer: unary((req: Parameters<ShardNode["transferIn"]>[0]) => {
    node.transferIn(req);
    return {};
  }),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, view epoch ${node.epoch}`);
  node.resumeTransfers();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
