// The node's calls to its peers over gRPC: one client per peer (through its chaos agent),
// each call with a deadline, so a partitioned or paused owner costs a bounded wait.
import * as grpc from "@grpc/grpc-js";
import type { Transport } from "./shard-node.ts";
import type { PeerClient } from "./proto.ts";

/** A forwarded call waits this long: the client's own deadline (1 s) must cover it. */
const FORWARD_DEADLINE_MS = 600;
const TRANSFER_DEADLINE_MS = 1000;

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const channelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

type Call<Req, Res> = (
  req: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

function call<Req, Res>(client: PeerClient, method: Call<Req, Res>, req: Req, ms: number) {
  return new Promise<Res>((resolve, reject) =>
    method.call(client, req, { deadline: Date.now() + ms }, (err, res) =>
      err ? reject(err) : resolve(res as Res),
    ),
  );
}

export function grpcTransport(
  Service: grpc.ServiceClientConstructor,
  peers: readonly [string, string][],
): Transport {
  const clients = new Map(
    peers.map(([id, address]) => [
      id,
      new Service(
        address,
        grpc.credentials.createInsecure(),
        channelOptions,
      ) as unknown as PeerClient,
    ]),
  );
  const peer = (id: string): PeerClient => {
    const client = clients.get(id);
    if (!client) throw new Error(`no peer ${id}`);
    return client;
  };
  return {
    forwardPut: (to, req) => call(peer(to), peer(to).ForwardPut, req, FORWARD_DEADLINE_MS),
    forwardGet: (to, req) => call(peer(to), peer(to).ForwardGet, req, FORWARD_DEADLINE_MS),
    transfer: async (to, req) => {
      await call(peer(to), peer(to).Transfer, req, TRANSFER_DEADLINE_MS);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
