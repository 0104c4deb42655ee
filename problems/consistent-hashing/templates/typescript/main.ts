// Consistent Hashing node: the starter.
//
// This node starts, serves every RPC of consistent_hashing.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: the calls fail with UNIMPLEMENTED, except Info, which
// declares the virtual-node count you choose. It fails every scenario until you fill in the
// TODOs. The problem page (problems/consistent-hashing/statement.md, also on the problem's
// page in the UI) is the contract; read it first: the ring and its test vectors, when a new
// owner may answer, what must be on disk before an answer, the statuses, the bounds.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies consistent_hashing.proto beside it, and starts `node node.cjs` (Node 20).
// You may import Node's built-in modules (node:crypto has SHA-256), @grpc/grpc-js and
// @grpc/proto-loader; the code is type-checked (strict). stdout and stderr are your log.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
const dataDir = process.env.DATA_DIR ?? ""; // kept across kill and restart
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

/** Your ring's virtual nodes per member: one of 16, 32, 64, 100, 128, 256 (the statement). */
const VNODES = 100;

// The messages as @grpc/proto-loader gives them with these options: field names as in the
// proto, uint64 as JS numbers (fine below 2^53).
const definition = protoLoader.loadSync(join(__dirname, "consistent_hashing.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  consistenthashing: { ShardNode: grpc.ServiceClientConstructor };
};
const Service = pkg.consistenthashing.ShardNode;

// TODO: load from dataDir the installed view (epoch, members), every key you hold with its
// version, and which peers sent their Transfer for which epoch. Every change must reach the
// disk (write a temporary file, fsync, rename) before you answer anything that depends on it.
// TODO: one client per peer, new Service(address, grpc.credentials.createInsecure()), called
// with a deadline, to forward calls and send Transfers (resent until acknowledged).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };
type Handler = (call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => void;
const unimplemented: Handler = (_call, cb) => cb(notYet);

const server = new grpc.Server();
server.addService(Service.service, {
  // TODO: the owner under your view answers (once it has every other node's Transfer for
  // that view), any other node forwards to it; UNAVAILABLE when that cannot happen now.
  Put: unimplemented,
  Get: unimplemented,
  // TODO: install a newer epoch (persist it), then send each member the keys it now owns.
  SetMembership: unimplemented,
  // TODO: { epoch, owners: the owner of each key under your view }.
  Owners: unimplemented,
  Info: (_call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) =>
    cb(null, { vnodes: VNODES }),
  ForwardPut: unimplemented,
  ForwardGet: unimplemented,
  Transfer: unimplemented,
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});
