// Ricart-Agrawala Mutual Exclusion node: the starter.
//
// This node starts, serves every RPC of ricart_agrawala.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Acquire and Release fail with UNIMPLEMENTED, peer
// Requests and Replies are acknowledged and ignored. It fails every scenario until you fill
// in the TODOs. The problem page (problems/ricart-agrawala/statement.md, also on the
// problem's page in the UI) is the contract; read it first: the clock, when to defer a
// reply, retries and deduplication, bounds.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies ricart_agrawala.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (fine below 2^53).
interface AcquireRequest {
  client_id: string;
  sequence: number;
}
type ReleaseRequest = AcquireRequest;
/** Request and Reply alike: the sender's id and the timestamp of the request concerned. */
interface PeerMessage {
  from: string;
  timestamp: number;
}

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const definition = protoLoader.loadSync(join(__dirname, "ricart_agrawala.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  ricartagrawala: { MutexNode: grpc.ServiceClientConstructor };
};
const Service = pkg.ricartagrawala.MutexNode;

// TODO: a Lamport clock from 0; the request this node's client waits for or holds (its
// client_id, sequence, timestamp, the peers that replied); the replies you deferred.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to send Request and Reply with a deadline of at least 500 ms; resend a call that failed or
// went unanswered until the peer acknowledges it.
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  Acquire: (call: grpc.ServerUnaryCall<AcquireRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a new request: clock + 1 is its timestamp; send Request to every peer; answer
    // { timestamp } once every peer replied. The same (client_id, sequence) again waits for
    // the same request, or answers at once if granted; another one while this is pending or
    // held: RESOURCE_EXHAUSTED.
    void call.request;
    cb(notYet);
  },
  Release: (call: grpc.ServerUnaryCall<ReleaseRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: leave the critical section (or withdraw the pending request), send every deferred
    // Reply, answer OK. Idempotent.
    void call.request;
    cb(notYet);
  },
  Request: (call: grpc.ServerUnaryCall<PeerMessage, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: clock = max(clock, timestamp) + 1; ignore a resend; defer the Reply while you hold
    // the section or your own request goes first by (timestamp, node id); else reply now.
    // Acknowledge at once either way: the Reply is a separate call.
    void call.request;
    cb(null, {});
  },
  Reply: (call: grpc.ServerUnaryCall<PeerMessage, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: clock = max(clock, timestamp) + 1; count it for your pending request if the
    // timestamp is that request's; enter once every peer replied.
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
