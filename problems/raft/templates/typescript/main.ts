// Raft key-value node: the starter.
//
// This node starts, serves every RPC of raft.proto on LISTEN_ADDR and answers honestly that it
// can do nothing yet: it grants no votes, accepts no entries and answers every client with
// NOT_LEADER and no hint. It fails every scenario until you fill in the TODOs. The problem page
// (problems/raft/statement.md, also on the problem's page in the UI) is the contract; read it first.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies raft.proto beside it, and starts `node node.cjs` (Node 20). You may import
// Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is type-checked
// (strict). stdout and stderr are your node's log, shown with the result: log role changes and
// terms, not every RPC.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in the
// proto, uint64 as JS numbers (fine below 2^53; with `longs: String` you would get strings, and
// "9" > "10"), enums as their names, bytes as Buffer.
interface VoteRequest {
  term: number;
  candidate_id: string;
  last_log_index: number;
  last_log_term: number;
}
interface VoteResponse {
  term: number;
  vote_granted: boolean;
}
interface LogEntry {
  term: number;
  index: number;
  command: Buffer;
}
interface AppendRequest {
  term: number;
  leader_id: string;
  prev_log_index: number;
  prev_log_term: number;
  entries: LogEntry[];
  leader_commit: number;
}
interface AppendResponse {
  term: number;
  success: boolean;
  conflict_term: number;
  conflict_index: number;
}
interface ClientRequest {
  client_id: string;
  sequence: number;
  op: "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND";
  key: string;
  value: string;
}
interface ClientResponse {
  status: "OK" | "NOT_LEADER" | "UNAVAILABLE";
  value: string;
  found: boolean;
  leader_hint: string;
}

const definition = protoLoader.loadSync(join(__dirname, "raft.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const raft = (
  grpc.loadPackageDefinition(definition) as unknown as {
    raft: { ConsensusNode: grpc.ServiceClientConstructor };
  }
).raft;

// The node contract: who this node is and whom it talks to.
const env = {
  nodeId: process.env.NODE_ID ?? "", // "node-2"
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

class RaftNode {
  currentTerm = 0;
  votedFor: string | null = null;
  /** Entries; index 1 is log[0]. */
  log: LogEntry[] = [];

  constructor() {
    mkdirSync(env.dataDir, { recursive: true });
    // TODO: load currentTerm, votedFor and the log from env.dataDir. Every change to them must
    // reach the disk (write a temporary file, fsyncSync, renameSync; or an append-only file
    // with checksummed records) before you answer an RPC that depends on it: the node can be
    // killed with SIGKILL at any instant.
    // TODO: volatile state: commit index, last applied, role, leader id; on a leader,
    // nextIndex and matchIndex per peer.
    // TODO: the state machine (a Map of key -> value) and, per client, its latest sequence
    // with its result, rebuilt by applying the log.
    // TODO: one client per peer, e.g.
    //   new raft.ConsensusNode(address, grpc.credentials.createInsecure())
    // called with a deadline: client.AppendEntries(req, { deadline: Date.now() + 500 }, cb).
    // TODO: an election timer (randomized, a few hundred ms) and, as leader, heartbeats (the
    // judge wants 2 to 20 AppendEntries a second per follower when idle).
  }

  requestVote(_req: VoteRequest): VoteResponse {
    // TODO: adopt a higher term; grant at most one vote per term, only to a candidate whose
    // log is at least as up to date as yours; persist the vote before answering.
    return { term: this.currentTerm, vote_granted: false };
  }

  appendEntries(_req: AppendRequest): AppendResponse {
    // TODO: reject an older term; otherwise follow req.leader_id, reset the election timer,
    // check that your log holds prev_log_index with prev_log_term (answer conflict_term /
    // conflict_index to help the leader back up), replace conflicting entries, persist, then
    // advance the commit index to min(leader_commit, last new entry).
    return { term: this.currentTerm, success: false, conflict_term: 0, conflict_index: 0 };
  }

  async clientRequest(_req: ClientRequest): Promise<ClientResponse> {
    // TODO: as leader, append the operation to the log and answer OK once it is committed and
    // applied (with the value for GET); answer UNAVAILABLE when that takes longer than ~800 ms
    // or leadership is lost. A retried (client_id, sequence) must get its first result and
    // never be applied twice. Not leader and the operation is not in your log: NOT_LEADER
    // with the leader you believe in as leader_hint.
    return { status: "NOT_LEADER", value: "", found: false, leader_hint: "" };
  }
}

const node = new RaftNode();
const server = new grpc.Server();
server.addService(raft.ConsensusNode.service, {
  RequestVote: (
    call: grpc.ServerUnaryCall<VoteRequest, VoteResponse>,
    cb: grpc.sendUnaryData<VoteResponse>,
  ) => cb(null, node.requestVote(call.request)),
  AppendEntries: (
    call: grpc.ServerUnaryCall<AppendRequest, AppendResponse>,
    cb: grpc.sendUnaryData<AppendResponse>,
  ) => cb(null, node.appendEntries(call.request)),
  ClientRequest: (
    call: grpc.ServerUnaryCall<ClientRequest, ClientResponse>,
    cb: grpc.sendUnaryData<ClientResponse>,
  ) => {
    const req = call.request;
    if (!req.client_id || req.op === "OPERATION_UNSPECIFIED") {
      cb({ code: grpc.status.INVALID_ARGUMENT, details: "client_id and op are required" });
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
