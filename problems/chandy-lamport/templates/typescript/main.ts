// Chandy-Lamport node: the starter.
//
// This node starts, serves every RPC of chandy_lamport.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Transfer, StartSnapshot and GetSnapshot fail with
// UNIMPLEMENTED, Deliver is accepted and ignored. It fails every scenario until you fill in
// the TODOs. The problem page (problems/chandy-lamport/statement.md, also on the problem's
// page in the UI) is the contract; read it first: channel numbering, resends, markers, what
// GetSnapshot reports.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies chandy_lamport.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers, enums as their names ("TOKENS", "MARKER").
interface TransferRequest {
  client_id: string;
  sequence: number;
  to: string;
  amount: number;
}
interface SnapshotIdRequest {
  snapshot_id: number;
}
interface ChannelMessage {
  from: string;
  sequence: number;
  kind: "TOKENS" | "MARKER";
  amount: number;
  snapshot_id: number;
}

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const definition = protoLoader.loadSync(join(__dirname, "chandy_lamport.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  chandylamport: { SnapshotNode: grpc.ServiceClientConstructor };
};
const Service = pkg.chandylamport.SnapshotNode;

// TODO: the node's balance (1000 at start), and per client its last transfer's sequence and
// answer, so that a retry is answered as before and never paid twice.
// TODO: one outgoing channel per peer, e.g. new Service(address,
// grpc.credentials.createInsecure()): number every message (from 1), send the oldest one not
// yet acknowledged with Deliver and a deadline of at most 500 ms, resend it with the same
// number until the peer answers OK, and only then send the next one.
// TODO: per peer, the last number applied on its channel to you; per snapshot id, the
// balance you recorded and, per incoming channel, the last number applied when you
// recorded, the tokens applied since, and the marker's number once it came.
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  Transfer: (
    call: grpc.ServerUnaryCall<TransferRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: a retry (same client_id and sequence) is answered as before. Otherwise, with too
    // few tokens answer FAILED_PRECONDITION; else debit the amount and queue a TOKENS message
    // on the channel to `to` in one step, then answer OK.
    void call.request;
    cb(notYet);
  },
  StartSnapshot: (
    call: grpc.ServerUnaryCall<SnapshotIdRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: unless you recorded this snapshot already, record it: your balance now, and a
    // MARKER queued on every outgoing channel before anything else is queued there.
    void call.request;
    cb(notYet);
  },
  GetSnapshot: (
    call: grpc.ServerUnaryCall<SnapshotIdRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: { recorded, balance, complete, channels: [{ from, last_applied, marker_received,
    // marker_sequence, messages: [{ sequence, amount }] }] } for this snapshot.
    void call.request;
    cb(notYet);
  },
  Deliver: (call: grpc.ServerUnaryCall<ChannelMessage, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a number you applied already: answer OK and do nothing. One ahead of the next:
    // FAILED_PRECONDITION. The next one: apply it (tokens: credit them, and add them to every
    // snapshot still recording this channel; a marker: record its snapshot first if you had
    // not, then end that snapshot's recording of this channel), then answer OK.
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
