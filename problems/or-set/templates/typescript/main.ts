// Observed-Remove Set node: the starter.
//
// This node starts, serves every RPC of or_set.proto on LISTEN_ADDR and answers honestly
// that it can do nothing yet: Add, Remove and Read fail with UNIMPLEMENTED, Sync is accepted
// and ignored. It fails every scenario until you fill in the TODOs. The problem page
// (problems/or-set/statement.md, also on the problem's page in the UI) is the contract;
// read it first: tags, what a remove removes, what must be on disk before an answer,
// retries, limits.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies or_set.proto beside it, and starts `node node.cjs` (Node 20). You may
// import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (fine below 2^53).
interface UpdateRequest {
  client_id: string;
  sequence: number;
  element: string;
}
interface Tagged {
  tag: string;
  element: string;
}
interface SyncRequest {
  from: string;
  adds: Tagged[];
  removes: Tagged[];
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

const definition = protoLoader.loadSync(join(__dirname, "or_set.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  orset: { OrSetNode: grpc.ServiceClientConstructor };
};
const Service = pkg.orset.OrSetNode;

// TODO: load this node's state from dataDir: the live tags (tag → element), every tag you
// have seen removed, your tag counter, per client the highest sequence you applied, and
// what each peer has not acknowledged yet. Every change must reach the disk (write a
// temporary file, fsync, rename) before you answer anything that depends on it.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to send Sync with a deadline; resend what a peer has not acknowledged after a failure,
// and send nothing while every peer is up to date (the efficiency limits).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };
type Call<Req> = grpc.ServerUnaryCall<Req, object>;

const server = new grpc.Server();
server.addService(Service.service, {
  Add: (call: Call<UpdateRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a sequence at or below the client's last applied one is a retry: answer OK and
    // change nothing. Otherwise make a new tag `${nodeId}:${counter}`, persist, answer OK.
    void call.request;
    cb(notYet);
  },
  Remove: (call: Call<UpdateRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: dedup as Add; then tombstone every live tag of the element you hold now (and
    // only those), persist, answer OK.
    void call.request;
    cb(notYet);
  },
  Read: (_call: Call<object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { elements: each element with a live tag, once }, without asking a peer.
    cb(notYet);
  },
  Sync: (call: Call<SyncRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: tombstone the removed tags, keep the added tags you have not seen removed;
    // persist before answering.
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
