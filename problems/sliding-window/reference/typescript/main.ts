// Reference sliding-window limiter node: the platform runs it as `node node.cjs` with the
// node contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each
// key has one home node that keeps its log and decides; any other node forwards Allow there
// with Decide and denies when the home does not answer in time (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { ConfigFile, type LimitConfig } from "./config-file.ts";
import { Frontdoor } from "./frontdoor.ts";
import { InvalidRequest, Limiter, NotConfigured, OtherConfig } from "./limiter.ts";
import {
  loadLimiterService,
  type AllowRequest,
  type DecideRequest,
  type PeerClient,
} from "./proto.ts";

/** A home that has not decided within this is treated as unreachable: deny. */
const FORWARD_DEADLINE_MS = 250;

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const dataDir = process.env.DATA_DIR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

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
const limiter = new Limiter(new ConfigFile(dataDir), now);
const frontdoor = new Frontdoor(
  nodeId,
  [nodeId, ...peers.keys()],
  limiter,
  (home, req) =>
    new Promise((resolve, reject) => {
      const peer = peers.get(home);
      if (!peer) return reject(new Error(`no peer ${home}`));
      peer.Decide(req, { deadline: Date.now() + FORWARD_DEADLINE_MS }, (err, res) =>
        err ? reject(err) : resolve(res?.allowed ?? false),
      );
    }),
  now,
);

/** The gRPC status of a refusal: a bad request, a node not configured or configured otherwise. */
function statusOf(err: unknown): grpc.StatusObject {
  const code =
    err instanceof InvalidRequest
      ? grpc.status.INVALID_ARGUMENT
      : err instanceof NotConfigured || err instanceof OtherConfig
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
    return {};
  }),
  Allow: unary(async (req: AllowRequest) => ({ allowed: await frontdoor.allow(req) })),
  Decide: unary((req: DecideRequest) => ({
    allowed: limiter.decide(req.key, req.client_id, req.sequence),
  })),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  const config = limiter.configured();
  console.log(
    `${nodeId} listening on ${listenAddr}, ${config ? `configured ${JSON.stringify(config)}, allowing nothing for one window` : "not configured"}`,
  );
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
