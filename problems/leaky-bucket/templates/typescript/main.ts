// Leaky Bucket Rate Limiter node: the starter.
//
// This node starts, serves every RPC of leaky_bucket.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: Configure and Allow fail with UNIMPLEMENTED, Forward
// too. It fails every scenario until you fill in the TODOs. The problem page
// (problems/leaky-bucket/statement.md, also on the problem's page in the UI) is the
// contract; read it first: the queue, the consistent mode, retries, restarts, clocks.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies leaky_bucket.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in
// the proto, uint64 as JS numbers.
interface ConfigureRequest {
  drain_per_second: number;
  queue_size: number;
  elapsed_ms: number;
}
interface AllowRequest {
  key: string;
  request_id: string;
}
type ForwardRequest = AllowRequest;

// The node contract: who this node is and whom it talks to. Nothing needs to be on disk.
const nodeId = process.env.NODE_ID ?? ""; // "node-1"
const listenAddr = process.env.LISTEN_ADDR ?? ""; // serve here
// Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent's address: dial it.
const peers = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

const definition = protoLoader.loadSync(join(__dirname, "leaky_bucket.proto"), {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  leakybucket: { LeakyBucketNode: grpc.ServiceClientConstructor };
};
const Service = pkg.leakybucket.LeakyBucketNode;

// TODO: measure time with a monotonic clock (performance.now()), never compare wall-clock
// times across nodes. Keep one queue per key for the whole cluster, so that requests leave it
// at most drain_per_second a second, and deny whenever you cannot be sure (a peer you need
// does not answer): e.g. one home node per key that the others ask with Forward, with a
// deadline longer than the queue's longest wait. One client per peer:
// new Service(address, grpc.credentials.createInsecure()).
void peers;

const notYet = { code: grpc.status.UNIMPLEMENTED, details: "not implemented yet" };

const server = new grpc.Server();
server.addService(Service.service, {
  Configure: (
    call: grpc.ServerUnaryCall<ConfigureRequest, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // TODO: keep the limit; elapsed_ms above 0 means you may have let requests out before a
    // restart that you no longer remember: let none out for one interval (statement.md).
    void call.request;
    cb(notYet);
  },
  Allow: (call: grpc.ServerUnaryCall<AllowRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO: answer { allowed: true } when the request leaves its key's queue, { allowed:
    // false } at once when the queue is full; a retry (same request_id) gets the same answer
    // and counts once. Not configured yet: { allowed: false }.
    void call.request;
    cb(notYet);
  },
  Forward: (call: grpc.ServerUnaryCall<ForwardRequest, object>, cb: grpc.sendUnaryData<object>) => {
    // TODO (if your design uses it): decide a request another node received.
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
