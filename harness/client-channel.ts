// How the judge's clients reach a node, for every problem: plain h2c to a local agent, or,
// on Cloud Run, TLS with the channel's headers (an ID token and the agent's client proof)
// on every call. A node reached by a bare address is a plain h2c one.
import * as grpc from "@grpc/grpc-js";
import type { NodeEndpoint } from "../shared/ports/cluster.ts";

export type ClientEndpoint = Pick<NodeEndpoint, "clientAddress" | "clientChannel">;

/** Reconnect quickly: a node the nemesis restarts is back within a second or two. */
const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 500,
};

export function endpointOf(target: string | ClientEndpoint): ClientEndpoint {
  return typeof target === "string" ? { clientAddress: target } : target;
}

/** A client of `Client`'s service at the endpoint, over TLS when its channel says so. */
export function clientAt(Client: grpc.ServiceClientConstructor, endpoint: ClientEndpoint) {
  const credentials = endpoint.clientChannel?.tls
    ? grpc.credentials.createSsl()
    : grpc.credentials.createInsecure();
  return new Client(endpoint.clientAddress, credentials, CHANNEL_OPTIONS);
}

/** The headers one call carries; rejects when they cannot be had (no ID token). */
export async function callMetadata(endpoint: ClientEndpoint): Promise<grpc.Metadata> {
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries((await endpoint.clientChannel?.headers()) ?? {}))
    metadata.set(name, value);
  return metadata;
}
