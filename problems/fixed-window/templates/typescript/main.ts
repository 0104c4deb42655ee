// Fixed Window rate limiter node: the starter.
//
// This node starts, serves every RPC of fixed_window.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Configure, Allow and Forward fail with UNIMPLEMENTED.
// It fails every scenario until you fill in the TODOs. The problem page
// (problems/fixed-window/statement.md, also on the problem's page in the UI) is the
// contract; read it first: who decides a key, where the windows lie, what a node does before
// it is configured and after a restart, retries, what is checked.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies fixed_window.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers (fine below 2^53).
interface ConfigureRequest {
  limit: number;
  window_ms: number;
  elapsed_ms: number;
}
interface AllowRequest {
  key: string;
  request_id: string;
}
interface ForwardRequest {
  key: string;
  request_id: string;
  from: string;
}

// The node contract: who this node is and whom it talks to.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const definition = protoLoader.loadSync(join(__dirname, "fixed_window.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  fixedwindow: { FixedWindowNode: grpc.ServiceClientConstructor };
};
const Service = pkg.fixedwindow.FixedWindowNode;

// TODO: decide who decides each key (the same answer at every node), e.g. one home node per
// key; one client per peer, new Service(address, grpc.credentials.createInsecure()), called
// with a short deadline. Measure time with performance.now(): never compare a time read on
// one node with a time read on another.
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  Configure: (
    call: grpc.ServerUnaryCall<ConfigureRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: put the limit in force (the same limit again changes nothing). Window k starts
    // k·window_ms after (now − elapsed_ms) on your monotonic clock; with elapsed_ms > 0,
    // admit nothing before the next window begins. Answer {}.
    void call.request;
    cb(notYet);
  },
  Allow: (call: grpc.ServerUnaryCall<AllowRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { allowed } as the key's one decider says; a retried request_id gets the
    // decision it got before. Not configured, or the decider unreachable: { allowed: false }.
    void call.request;
    cb(notYet);
  },
  Forward: (call: grpc.ServerUnaryCall<ForwardRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO (if you use it): decide a request a peer passed on, as for Allow.
    void call.request;
    cb(notYet);
  },
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}`);
});
