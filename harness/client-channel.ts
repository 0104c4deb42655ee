// How the judge's clients reach a node, for every problem: plain h2c to a local agent, or,
// on Cloud Run, TLS with the channel's headers (an ID token and the agent's client proof)
// on every call. A node reached by a bare address is a plain h2c one.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
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

/** The client class of the service `fullName` ("gcounter.CounterNode") in a proto. */
export function serviceClient(
  protoPath: string,
  fullName: string,
  options: protoLoader.Options,
): grpc.ServiceClientConstructor {
  let ctor: unknown = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath, options));
  for (const part of fullName.split("."))
    ctor = (ctor as Record<string, unknown> | undefined)?.[part];
  if (typeof ctor !== "function") throw new Error(`${fullName} is not a service of ${protoPath}`);
  return ctor as grpc.ServiceClientConstructor;
}

/** The headers of one call to `node`, or why it cannot have them (no ID token). */
export async function callMetadata(
  node: string,
  endpoint: ClientEndpoint,
): Promise<grpc.Metadata | { detail: string }> {
  try {
    const metadata = new grpc.Metadata();
    for (const [name, value] of Object.entries((await endpoint.clientChannel?.headers()) ?? {}))
      metadata.set(name, value);
    return metadata;
  } catch (err) {
    return { detail: `no credentials for ${node}: ${(err as Error).message}` };
  }
}
