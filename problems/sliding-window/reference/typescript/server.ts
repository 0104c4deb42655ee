// One sliding window node served over gRPC: its logic (limiter.ts, frontdoor.ts) behind the
// three RPCs, its peers dialled through their addresses. main.ts starts it from the
// environment; the in-process gRPC test starts three.
import * as grpc from "@grpc/grpc-js";
import { Frontdoor } from "./frontdoor.ts";
import { InvalidRequest, Limiter, OtherConfig, type LimitConfig } from "./limiter.ts";
import {
  loadLimiterService,
  type AllowRequest,
  type ForwardRequest,
  type PeerClient,
} from "./proto.ts";

/** A home that has not decided within this is treated as unreachable: deny. */
const FORWARD_DEADLINE_MS = 250;

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

export interface NodeEnv {
  nodeId: string;
  listenAddr: string;
  /** Every other node's id and address. */
  peers: ReadonlyMap<string, string>;
}

export interface RunningNode {
  stop(): void;
}

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

export function startNode(env: NodeEnv, protoPath?: string): Promise<RunningNode> {
  // Monotonic: a clock set off by a constant (or stepped) changes no duration.
  const now = (): number => performance.now();
  const Service = loadLimiterService(protoPath);
  const peers = new Map(
    [...env.peers].map(([peer, address]) => [
      peer,
      new Service(
        address,
        grpc.credentials.createInsecure(),
        peerChannelOptions,
      ) as unknown as PeerClient,
    ]),
  );
  const limiter = new Limiter(now);
  const frontdoor = new Frontdoor(
    env.nodeId,
    [env.nodeId, ...peers.keys()],
    limiter,
    (home, req) =>
      new Promise((resolve, reject) => {
        const peer = peers.get(home);
        if (!peer) return reject(new Error(`no peer ${home}`));
        peer.Forward(req, { deadline: Date.now() + FORWARD_DEADLINE_MS }, (err, res) =>
          err ? reject(err) : resolve(res?.allowed ?? false),
        );
      }),
    now,
  );
  const server = new grpc.Server();
  server.addService(Service.service, {
    Configure: unary((req: LimitConfig) => {
      limiter.configure(req);
      console.log(`configured ${JSON.stringify(req)}`);
      return {};
    }),
    Allow: unary(async (req: AllowRequest) => ({ allowed: await frontdoor.allow(req) })),
    Forward: unary((req: ForwardRequest) => ({
      allowed: limiter.decide(req.key, req.request_id),
    })),
  });
  return new Promise((resolve, reject) =>
    server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) =>
      err
        ? reject(err)
        : resolve({
            stop: () => {
              server.forceShutdown();
              for (const peer of peers.values()) peer.close();
            },
          }),
    ),
  );
}
