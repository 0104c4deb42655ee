// Peer calls over gRPC: one client per peer (dialled through its chaos agent), each call
// with a deadline, and cancelled when its link gives it up.
import * as grpc from "@grpc/grpc-js";
import { peerCallDeadlineMs } from "./config.ts";
import type { PeerTransport } from "./peer-call.ts";
import type { PeerClient, PeerResponse } from "./proto.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

type Method = "Forward" | "Ack" | "Transfer";

export class GrpcPeers implements PeerTransport {
  private readonly clients = new Map<string, PeerClient>();

  constructor(Service: grpc.ServiceClientConstructor, peers: ReadonlyMap<string, string>) {
    for (const [id, address] of peers) {
      const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
      this.clients.set(id, client as unknown as PeerClient);
    }
  }

  forward: PeerTransport["forward"] = (to, req, signal) => this.call(to, "Forward", req, signal);
  ack: PeerTransport["ack"] = (to, req, signal) => this.call(to, "Ack", req, signal);
  transfer: PeerTransport["transfer"] = (to, req, signal) => this.call(to, "Transfer", req, signal);

  private call<Req>(
    to: string,
    method: Method,
    req: Req,
    signal: AbortSignal,
  ): Promise<PeerResponse> {
    const client = this.clients.get(to);
    if (!client) return Promise.reject(new Error(`no address for peer ${to}`));
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + peerCallDeadlineMs;
      const unary = client[method] as (
        req: Req,
        options: grpc.CallOptions,
        callback: (err: grpc.ServiceError | null, res?: PeerResponse) => void,
      ) => grpc.ClientUnaryCall;
      const call = unary.call(client, req, { deadline }, (err, res) => {
        signal.removeEventListener("abort", cancel);
        if (err || !res) reject(err ?? new Error("empty answer"));
        else resolve(res);
      });
      const cancel = (): void => call.cancel();
      signal.addEventListener("abort", cancel, { once: true });
    });
  }
}
