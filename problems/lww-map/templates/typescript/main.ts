// Last-Writer-Wins Map node: the starter.
//
// This node starts, serves every RPC of lww_map.proto on LISTEN_ADDR and answers honestly
// that it can do nothing yet: Put, Delete, Get and Read fail with UNIMPLEMENTED, Sync is
// accepted and ignored. It fails every scenario until you fill in the TODOs. The problem
// page (problems/lww-map/statement.md, also on the problem's page in the UI) is the
// contract; read it first: stamps, the hybrid clock, the tie-break, tombstones, what must
// be on disk before an answer, retries, limits.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies lww_map.proto beside it, and starts `node node.cjs` (Node 20). You may
// import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
// Date.now() reads the clock the judge may skew (it goes through libc): use it for stamps.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (fine below 2^53).
interface PutRequest {
  client_id: string;
  sequence: number;
  key: string;
  value: string;
}
interface DeleteRequest {
  client_id: string;
  sequence: number;
  key: string;
}
interface Stamp {
  wall_ms: number;
  logical: number;
  node: string;
}
interface Write {
  key: string;
  value: string;
  deleted: boolean;
  stamp: Stamp;
}
interface SyncRequest {
  from: string;
  writes: Write[];
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

const definition = protoLoader.loadSync(join(__dirname, "lww_map.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  lwwmap: { LwwMapNode: grpc.ServiceClientConstructor };
};
const Service = pkg.lwwmap.LwwMapNode;

// TODO: load this node's state from dataDir: each key's winning write (deletes as
// tombstones), your hybrid clock, per client the highest sequence you applied, and what
// each peer has not acknowledged yet. Every change must reach the disk (write a temporary
// file, fsync, rename) before you answer anything that depends on it.
// TODO: one client per peer, e.g. new Service(address, grpc.credentials.createInsecure()),
// to send Sync with a deadline; resend what a peer has not acknowledged after a failure,
// and send nothing while every peer is up to date (the efficiency limits).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };
type Call<Req> = grpc.ServerUnaryCall<Req, object>;

const server = new grpc.Server();
server.addService(Service.service, {
  Put: (call: Call<PutRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: a sequence at or below the client's last applied one is a retry: answer OK and
    // change nothing. Otherwise stamp the write from your hybrid clock (above every stamp
    // you issued or merged, at least Date.now()), keep it if it outranks the key's write
    // you hold, queue it for every peer, persist, answer OK.
    void call.request;
    cb(notYet);
  },
  Delete: (call: Call<DeleteRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: as Put, with a tombstone (deleted, value "") instead of a value.
    void call.request;
    cb(notYet);
  },
  Get: (call: Call<{ key: string }>, cb: grpc.sendUnaryData<object>) => {
    // TODO: { found, value } of the key's winning write here, without asking a peer.
    void call.request;
    cb(notYet);
  },
  Read: (_call: Call<object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: { entries: [{ key, value }] } for every key whose winning write is a put.
    cb(notYet);
  },
  Sync: (call: Call<SyncRequest>, cb: grpc.sendUnaryData<object>) => {
    // TODO: fold each stamp into your clock, keep each write that outranks the key's write
    // you hold; persist before answering.
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
