// Bully Leader Election node: the starter.
//
// This node starts, serves every RPC of bully_election.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: GetCoordinator fails with UNIMPLEMENTED; Election,
// Coordinator and Heartbeat are accepted and ignored. It fails every scenario until you fill
// in the TODOs. The problem page (problems/bully-election/statement.md, also on the problem's
// page in the UI) is the contract; read it first: ids, the timers as numbers, what is checked.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies bully_election.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers.
interface ElectionRequest {
  sender: number;
  election: number;
}
type CoordinatorRequest = ElectionRequest;
interface HeartbeatRequest {
  sender: number;
}

// The contract's timers (statement.md, "Timing").
const HEARTBEAT_MS = 200;
const FAILURE_TIMEOUT_MS = 800;
const ELECTION_ANSWER_MS = 300;
const COORDINATOR_WAIT_MS = 1000;

/** "node-3" → 3: a node's id is the number in its name; the highest live id leads. */
const idOf = (name: string): number => Number(name.slice(name.lastIndexOf("-") + 1));

// The node contract: who this node is and whom it talks to. Nothing needs to be on disk:
// a started node names nobody and elects.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const definition = protoLoader.loadSync(join(__dirname, "bully_election.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  bully: { BullyNode: grpc.ServiceClientConstructor };
};
const Service = pkg.bully.BullyNode;

// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// keyed by idOf(name), each call with a deadline (an Election's: ELECTION_ANSWER_MS).
// TODO: the state: the coordinator you name (none at start), whether an election of yours is
// running, and your election number (1 for your first since start, one more each time).
// TODO: an election: send Election to every higher id; no OK within ELECTION_ANSWER_MS → you
// win: name yourself and send Coordinator to every other node. An OK → wait up to
// COORDINATOR_WAIT_MS for a higher node's Coordinator, else elect again.
// TODO: as coordinator, send Heartbeat to every other node every HEARTBEAT_MS; as any other
// node, elect when the coordinator you name was silent for FAILURE_TIMEOUT_MS.
void [peers, idOf, HEARTBEAT_MS, FAILURE_TIMEOUT_MS, ELECTION_ANSWER_MS, COORDINATOR_WAIT_MS];

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  GetCoordinator: (_call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: { known: true, coordinator: <id> } for the coordinator you name, or
    // { known: false } while you are electing.
    cb(notYet);
  },
  Election: (
    call: grpc.ServerUnaryCall<ElectionRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: answer OK at once; then, if the sender is lower, start your own election unless
    // one is running.
    void call.request;
    cb(null, {});
  },
  Coordinator: (
    call: grpc.ServerUnaryCall<CoordinatorRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: a higher sender: name it and stop electing. A lower one: elect (bully it).
    void call.request;
    cb(null, {});
  },
  Heartbeat: (
    call: grpc.ServerUnaryCall<HeartbeatRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: from the coordinator you name: it is alive. From a lower id: elect (bully it).
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
  // TODO: start your first election here, once you listen.
});
