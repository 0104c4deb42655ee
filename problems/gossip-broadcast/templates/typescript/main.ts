// Gossip Broadcast node: the starter.
//
// This node starts, serves every RPC of gossip_broadcast.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Broadcast and Read fail with UNIMPLEMENTED, Gossip is
// accepted and ignored. It fails every scenario until you fill in the TODOs. The problem page
// (problems/gossip-broadcast/statement.md, also on the problem's page in the UI) is the
// contract; read it first: what must be on disk before an answer, retries, whom to gossip
// with, what a read returns, the message and latency limits.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies gossip_broadcast.proto beside it, and starts `node node.cjs` (Node 20).
// You may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (the judge's values stay below 2^53).
interface BroadcastRequest {
  message: number;
}
interface GossipRequest {
  from: string;
  messages: number[];
}

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
const dataDir = process.env.DATA_DIR ?? ""; // kept across kill and restart
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
// This is the whole topology: every node may gossip with every other directly.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

const definition = protoLoader.loadSync(join(__dirname, "gossip_broadcast.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  gossipbroadcast: { BroadcastNode: grpc.ServiceClientConstructor };
};
const Service = pkg.gossipbroadcast.BroadcastNode;

// TODO: load this node's state from dataDir: the values it holds, and what each peer has not
// acknowledged yet. Every change must reach the disk (write a temporary file, fsync, rename)
// before you answer anything that depends on it, and before a read may show it.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to send Gossip with a deadline; batch values that arrive close together, resend what a
// peer has not acknowledged after a failure, and send nothing while every peer is up to date
// (the efficiency limits).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };
type Call<Req> = grpc.ServerUnaryCall<Req, object>;

const server = new grpc.Server();
server.addService(Service.service, {
  Broadcast: (call: Call<BroadcastRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a value you hold already is a retry: answer OK and change nothing. Otherwise
    // hold it, owe it to every peer, persist, answer OK, and get the gossip going.
    void call.request;
    cb(notYet);
  },
  Read: (_call: Call<object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { messages: every value you hold, each once }, without asking a peer.
    cb(notYet);
  },
  Gossip: (call: Call<GossipRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: hold the values you did not hold; persist before answering.
    void call.request;
    cb(null, {});
  },
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});
