// Multi-Paxos key-value node: the starter.
//
// This node starts, serves every RPC of multi_paxos.proto on LISTEN_ADDR and answers honestly
// that it can do nothing yet: it promises nothing, accepts nothing, ignores Learns, and
// answers every client with NOT_LEADER and no hint. It fails every scenario until you fill in
// the TODOs. The problem page (problems/multi-paxos/statement.md, also on the problem's page in
// the UI) is the contract; read it first, above all "Answers" and "Durability".
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies multi_paxos.proto beside it, and starts `node node.cjs` (Node 20). You may
// import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result: log
// ballots and leadership changes, not every RPC.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in the
// proto, uint64 as JS numbers (fine below 2^53; with `longs: String` you would get strings, and
// "9" > "10"), enums as their names.
type Operation = "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND" | "NOOP";
interface PrepareRequest {
  ballot_round: number;
  ballot_node: number;
  from_slot: number;
}
interface AcceptedSlot {
  slot: number;
  ballot_round: number;
  ballot_node: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface PrepareResponse {
  promised: boolean;
  promised_round: number;
  promised_node: number;
  accepted: AcceptedSlot[];
}
interface AcceptRequest {
  ballot_round: number;
  ballot_node: number;
  slot: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface AcceptResponse {
  accepted: boolean;
  promised_round: number;
  promised_node: number;
}
interface LearnRequest {
  slot: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface HeartbeatRequest {
  ballot_round: number;
  ballot_node: number;
  chosen_through: number;
}
interface HeartbeatResponse {
  promised_round: number;
  promised_node: number;
  learned_through: number;
}
interface ClientRequest {
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface ClientResponse {
  status: "OK" | "NOT_LEADER" | "UNAVAILABLE";
  value: string;
  found: boolean;
  leader_hint: string;
  slot: number;
}

const definition = protoLoader.loadSync(join(__dirname, "multi_paxos.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const multipaxos = (
  grpc.loadPackageDefinition(definition) as unknown as {
    multipaxos: { PaxosNode: grpc.ServiceClientConstructor };
  }
).multipaxos;

// The node contract: who this node is and whom it talks to.
const env = {
  nodeId: process.env.NODE_ID ?? "", // "node-2": its number (2) is the node part of your ballots
  clusterSize: Number(process.env.CLUSTER_SIZE), // 5
  listenAddr: process.env.LISTEN_ADDR ?? "", // serve here
  dataDir: process.env.DATA_DIR ?? "", // kept across kill and restart
  // Every other node and the chaos agent's address for it: just dial it.
  peers: new Map(
    (process.env.PEERS ?? "")
      .split(",")
      .filter(Boolean)
      .map((item) => item.split("=") as [string, string]),
  ),
};

class PaxosNode {
  /** The acceptor's promised ballot, (0, 0) until it promises one. */
  promisedRound = 0;
  promisedNode = 0;

  constructor() {
    mkdirSync(env.dataDir, { recursive: true });
    // TODO: load the promised ballot and each slot's accepted (ballot, command) from
    // env.dataDir. Every change to them must reach the disk (write, then fsyncSync) before
    // you answer the Prepare or Accept that caused it, and before your own Prepare or Accepts
    // leave: the node can be killed with SIGKILL at any instant.
    // TODO: the learner: the slots known chosen (a majority accepted your own proposal at one
    // ballot, or a Learn told you), applied in slot order to the state machine (a Map of
    // key -> value) with, per client, its latest sequence, result and slot.
    // TODO: one client per peer, e.g.
    //   new multipaxos.PaxosNode(address, grpc.credentials.createInsecure())
    // called with a deadline: client.Accept(req, { deadline: Date.now() + 300 }, cb).
    // TODO: a randomized wait (e.g. 300-600 ms) without Heartbeat or Accept from a leader
    // before running phase 1 at a higher ballot (backing off after a refusal); as leader,
    // Heartbeats (the judge wants 2 to 20 a second per node when idle).
  }

  prepare(_req: PrepareRequest): PrepareResponse {
    // TODO: promise a ballot at least your promised one (durably), and report in `accepted`
    // your accepted proposal of every slot from from_slot on; refuse a lower one. Either way
    // answer with the promised ballot you hold once you handled it.
    return {
      promised: false,
      promised_round: this.promisedRound,
      promised_node: this.promisedNode,
      accepted: [],
    };
  }

  accept(_req: AcceptRequest): AcceptResponse {
    // TODO: accept a ballot at least your promised one: it becomes your promise and the slot's
    // accepted proposal, durably, before you answer. Refuse a lower one.
    return {
      accepted: false,
      promised_round: this.promisedRound,
      promised_node: this.promisedNode,
    };
  }

  learn(_req: LearnRequest): void {
    // TODO: the slot is chosen with this command: remember it and apply every slot now in
    // order (a (client_id, sequence) already applied is skipped: it takes effect once).
  }

  heartbeat(_req: HeartbeatRequest): HeartbeatResponse {
    // TODO: a leader at a ballot at least your promise is alive: note it (leader_hint), and
    // wait before running phase 1. A heartbeat changes no promise. Report how far you learnt.
    return {
      promised_round: this.promisedRound,
      promised_node: this.promisedNode,
      learned_through: 0,
    };
  }

  async clientRequest(_req: ClientRequest): Promise<ClientResponse> {
    // TODO: as leader, put the command in the next free slot (phase 2 only: phase 1 ran once
    // for all open slots when you became leader) and answer OK with its slot once it is chosen
    // and applied (with the value for GET: GETs go through the log too); answer UNAVAILABLE
    // when that takes longer than ~800 ms or you stop leading. A retried (client_id, sequence)
    // gets its first result and slot and is never applied twice. Not leading and the command
    // is in no slot you accepted or learnt: NOT_LEADER with leader_hint the sender of the
    // highest-ballot Heartbeat or Accept you saw (or "").
    return { status: "NOT_LEADER", value: "", found: false, leader_hint: "", slot: 0 };
  }
}

const node = new PaxosNode();
type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;
const answer =
  <Req, Res>(handle: (req: Req) => Res): Unary<Req, Res> =>
  (call, cb) =>
    cb(null, handle(call.request));
const server = new grpc.Server();
server.addService(multipaxos.PaxosNode.service, {
  Prepare: answer((req: PrepareRequest) => node.prepare(req)),
  Accept: answer((req: AcceptRequest) => node.accept(req)),
  Learn: answer((req: LearnRequest) => {
    node.learn(req);
    return {};
  }),
  Heartbeat: answer((req: HeartbeatRequest) => node.heartbeat(req)),
  ClientRequest: (
    call: grpc.ServerUnaryCall<ClientRequest, ClientResponse>,
    cb: grpc.sendUnaryData<ClientResponse>,
  ) => {
    const req = call.request;
    if (!req.client_id || req.op === "OPERATION_UNSPECIFIED" || req.op === "NOOP") {
      cb({
        code: grpc.status.INVALID_ARGUMENT,
        details: "client_id and op (GET, PUT, APPEND) are required",
      });
      return;
    }
    node.clientRequest(req).then(
      (res) => cb(null, res),
      (err: unknown) => cb({ code: grpc.status.INTERNAL, details: String(err) }),
    );
  },
});
server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${env.listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${env.nodeId} serving on ${env.listenAddr}`);
});
