// The node's gRPC calls to its peers. A Forward waits FORWARD_DEADLINE_MS for the home's
// answer; a home that did not answer is not asked again for DOWN_FOR_MS, so that during a
// partition the clients get their denial at once instead of after every deadline.
import * as grpc from "@grpc/grpc-js";
import type { Peers } from "./node.ts";
import type { ForwardRequest, PeerClient } from "./proto.ts";

const FORWARD_DEADLINE_MS = 250;
const DOWN_FOR_MS = 200;

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

export class GrpcPeers implements Peers {
  private readonly clients = new Map<string, PeerClient>();
  private readonly downUntil = new Map<string, number>();

  constructor(Service: grpc.ServiceClientConstructor, addresses: ReadonlyMap<string, string>) {
    for (const [node, address] of addresses)
      this.clients.set(
        node,
        new Service(
          address,
          grpc.credentials.createInsecure(),
          peerChannelOptions,
        ) as unknown as PeerClient,
      );
  }

  forward(node: string, req: ForwardRequest): Promise<boolean | null> {
    const client = this.clients.get(node);
    if (!client || performance.now() < (this.downUntil.get(node) ?? 0))
      return Promise.resolve(null);
    return new Promise((resolve) =>
      client.Forward(req, { deadline: Date.now() + FORWARD_DEADLINE_MS }, (err, res) => {
        if (err || !res) {
          this.downUntil.set(node, performance.now() + DOWN_FOR_MS);
          resolve(null);
        } else resolve(res.allowed);
      }),
    );
  }
}
