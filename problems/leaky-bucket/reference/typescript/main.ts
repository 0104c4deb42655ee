// Reference leaky-bucket limiter node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS; DATA_DIR unused: nothing
// is on disk). Each key has one home node that keeps its queue and answers a request when it
// leaves; any other node forwards Allow there and denies when the home does not answer in
// time (statement.md).
import * as grpc from "@grpc/grpc-js";
import { setTimeout as sleep } from "node:timers/promises";
import { Frontdoor } from "./frontdoor.ts";
import { InvalidRequest, Limiter, OtherConfig, type LimitConfig } from "./limiter.ts";
import {
  loadLimiterService,
  type AllowRequest,
  type ForwardRequest,
  type PeerClient,
} from "./proto.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);

// Monotonic: a clock set off by a constant (or stepped) changes no duration.
const now = (): number => performance.now();
const Service = loadLimiterService();
const peers = new Map(
  peerAddresses.map(([peer, address]) => [
    peer,
    new Service(
      address,
      grpc.credentials.createInsecure(),
      peerChannelOptions,
    ) as unknown as PeerClient,
  ]),
);
const limiter = new Limiter(now, (ms) => sleep(Math.max(0, ms)));
const frontdoor = new Frontdoor(
  nodeId,
  [nodeId, ...peers.keys()],
  limiter,
  (home, req, waitMs) =>
    new Promise((resolve, reject) => {
      const peer = peers.get(home);
      if (!peer) return reject(new Error(`no peer ${home}`));
      peer.Forward(req, { deadline: Date.now() + waitMs }, (err, res) =>
        err ? reject(err) : resolve(res?.allowed ?? false),
      );
    }),
  now,
);

/** The gRPC status of a refusal: a bad request, or a Configure unlike the one in force. */
function statusOf(err: unknown): grpc.StatusObject {
  const code =
    err instanceof InvalidRequest
      ? grpc.status.INVALID_ARGUMENT
      : err instanceof OtherConfig
        ? grpc.status.FAILED_PRECONDITION
        : grpc.status.INTERNAL;
  if (code === grpc.status.INTERNAL) console.error("request failed:", err);
  return { code, details: String(err), metadata: new grpc.Metadata() };
}

type Handler<Req> = (req: Req) => object | Promise<object>;

function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(statusOf(err)),
      );
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Configure: unary((req: LimitConfig) => {
    limiter.configure(req);
    console.log(`configured ${JSON.stringify(req)}`);
    return {};
  }),
  Allow: unary(async (req: AllowRequest) => ({ allowed: await frontdoor.allow(req) })),
  Forward: unary(async (req: ForwardRequest) => ({
    allowed: await limiter.decide(req.key, req.request_id),
  })),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, waiting for Configure`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
