// Two-Phase Commit node: the starter.
//
// This node starts, serves every RPC of two_phase_commit.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: every RPC fails with UNIMPLEMENTED. It fails every
// scenario until you fill in the TODOs. The problem page (problems/two-phase-commit/
// statement.md, also on the problem's page in the UI) is the contract; read it first: the
// accounts, what must be on disk before which message, the timeouts, the recovery rules.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies two_phase_commit.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-0" coordinates; "node-1", "node-2" hold accounts
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
const dataDir = process.env.DATA_DIR ?? ""; // kept across kill and restart
// Every other node: [["node-1", "127.0.0.1:7101"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

// Field names as in the proto, uint64 as JS numbers, enums as their names ("YES", "COMMIT").
const definition = protoLoader.loadSync(join(__dirname, "two_phase_commit.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  twopc: { TwoPhaseCommitNode: grpc.ServiceClientConstructor };
};
const Service = pkg.twopc.TwoPhaseCommitNode;

// TODO (every node): load your state from dataDir. Every vote, every decision and every new
// transaction must reach the disk (write a temporary file, fsync, rename) before any message
// or answer that depends on it.
// TODO (node-0): a client per participant, new Service(address, grpc.credentials.createInsecure()),
// for Prepare and Decide with a deadline; on start, log ABORT for every transaction you logged
// without a decision, and resend every decision not yet acknowledged.
// TODO (node-1, node-2): a client for node-0, to ask QueryDecision about a transaction you
// voted YES on and have had no decision for since 1 s, every 300 ms until answered.
void peers;
void nodeId;

type Handler = (call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => void;
const notYet: Handler = (_call, cb) =>
  cb({ code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" });

const server = new grpc.Server();
server.addService(Service.service, {
  // node-0: a new transaction (or the one this client_id and sequence named before), prepared
  // at node-1 and node-2, answered { txn_id, outcome } once decided, UNAVAILABLE until then.
  Transfer: notYet,
  ReadAll: notYet,
  // Every node: { balances, txns } as statement.md says.
  State: notYet,
  // node-1, node-2: vote (durably), lock; a repeated Prepare gets the vote recorded.
  Prepare: notYet,
  // node-1, node-2: apply the decision (durably), release the locks, acknowledge.
  Decide: notYet,
  // node-0: COMMIT, ABORT, or UNKNOWN while still collecting the votes.
  QueryDecision: notYet,
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});
