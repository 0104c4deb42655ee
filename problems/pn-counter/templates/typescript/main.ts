// PN-Counter node: the starter.
//
// This node starts, serves every RPC of pn_counter.proto on LISTEN_ADDR and answers honestly
// that it can do nothing yet: Add and Read fail with UNIMPLEMENTED, Gossip is accepted and
// ignored. It fails every scenario until you fill in the TODOs. The problem page
// (problems/pn-counter/statement.md, also on the problem's page in the UI) is the contract;
// read it first: what a read returns, what must be on disk before an answer, retries, limits.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies pn_counter.proto beside it, and starts `node node.cjs` (Node 20). You may
// import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, 64-bit integers as JS numbers (fine below 2^53); delta and value may be negative.
interface AddRequest {
  client_id: string;
  sequence: number;
  delta: number;
}
interface Slot {
  node_id: string;
  increments: number;
  decrements: number;
}
interface GossipRequest {
  from: string;
  slots: Slot[];
}

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

const definition = protoLoader.loadSync(join(__dirname, "pn_counter.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  pncounter: { CounterNode: grpc.ServiceClientConstructor };
};
const Service = pkg.pncounter.CounterNode;

// TODO: load this node's state from dataDir: every node's two counts (increments, and the
// sizes of decrements) as you know them, and per client the highest add sequence you applied. Every change must reach the disk (write a
// temporary file, fsync, rename) before you answer anything that depends on it.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to send Gossip with a deadline; resend what a peer has not acknowledged after a failure,
// and send nothing while every peer is up to date (the efficiency limits).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  Add: (call: grpc.ServerUnaryCall<AddRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a sequence at or below the client's last applied one is a retry: answer OK and
    // apply nothing. Otherwise add a positive delta to your own increments, a negative one's
    // size to your own decrements, persist, then answer OK.
    void call.request;
    cb(notYet);
  },
  Read: (_call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { value: Σ increments − Σ decrements you know }, without asking a peer.
    cb(notYet);
  },
  Gossip: (call: grpc.ServerUnaryCall<GossipRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: keep, for each node's increments and decrements apart, the larger of what you know
    // and what the peer says; persist before answering.
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
