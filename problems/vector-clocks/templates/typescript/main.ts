// Vector Clocks node: the starter.
//
// This node starts, serves every RPC of vector_clocks.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Event, Send, Compare and Log fail with UNIMPLEMENTED,
// Deliver is accepted and ignored. It fails every scenario until you fill in the TODOs. The
// problem page (problems/vector-clocks/statement.md, also on the problem's page in the UI) is
// the contract; read it first: what a clock counts, what must be on disk before an answer,
// retries, delivery, limits.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies vector_clocks.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (fine below 2^53), enums by name, maps as objects.
type Clock = Record<string, number>;
interface EventRequest {
  client_id: string;
  sequence: number;
}
interface SendRequest extends EventRequest {
  to: string;
}
interface CompareRequest {
  a: Clock;
  b: Clock;
}
interface DeliverRequest {
  from: string;
  message: number;
  clock: Clock;
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

const definition = protoLoader.loadSync(join(__dirname, "vector_clocks.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  vectorclocks: { ClockNode: grpc.ServiceClientConstructor };
};
const Service = pkg.vectorclocks.ClockNode;

// TODO: load this node's state from dataDir: its clock, its log of events, per client the
// last request's sequence and the clock answered to it, per peer the messages it has not
// acknowledged and the message numbers received from it. Every change must reach the disk
// (write a temporary file, fsync, rename) before you answer anything that depends on it.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to call Deliver with a deadline; resend a message until the peer acknowledges it, with a
// backoff after a failure, and send nothing while every outbox is empty.
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };
type Call<Req> = grpc.ServerUnaryCall<Req, object>;

const server = new grpc.Server();
server.addService(Service.service, {
  Event: (call: Call<EventRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a retry of the client's last request answers its clock again. Otherwise add one
    // to your own entry, log the event, persist, answer { clock }.
    void call.request;
    cb(notYet);
  },
  Send: (call: Call<SendRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: as Event (a send to yourself or an unknown node is INVALID_ARGUMENT), and queue
    // { from: nodeId, message: your own entry, clock } for `to` before persisting.
    void call.request;
    cb(notYet);
  },
  Compare: (call: Call<CompareRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { order: "BEFORE" | "AFTER" | "CONCURRENT" | "EQUAL" } for a against b.
    void call.request;
    cb(notYet);
  },
  Log: (_call: Call<object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { events: [{ kind, clock, peer, message }, ...] }, every event in order.
    cb(notYet);
  },
  Deliver: (call: Call<DeliverRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a message (from, message) received before is acknowledged and nothing else.
    // Otherwise take the larger of each entry, add one to your own, log the receive,
    // persist, then answer.
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
