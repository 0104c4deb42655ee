// The judge's channels to a cluster where any node answers any client (CRDTs, and every
// problem without a leader): one gRPC client per node from the problem's proto, and one
// call made into an attempt the history keeps.
import * as grpc from "@grpc/grpc-js";
import {
  callMetadata,
  clientAt,
  endpointOf,
  serviceClient,
  type ClientEndpoint,
} from "../client-channel.ts";
import { nowMs } from "../clock.ts";
import type { Attempt } from "../operation.ts";

type Unary = (
  req: object,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: object) => void,
) => void;

/** The attempt's result in the history's words, from a gRPC status. */
function resultOf(err: grpc.ServiceError | null): string {
  if (!err) return "ok";
  if (err.code === grpc.status.DEADLINE_EXCEEDED) return "deadline";
  if (err.code === grpc.status.UNAVAILABLE) return "unavailable";
  if (err.code === grpc.status.INVALID_ARGUMENT) return "invalid";
  if (err.code === grpc.status.UNIMPLEMENTED) return "unimplemented";
  return "error";
}

export interface ServiceAddress {
  /** The problem's .proto file, absolute. */
  protoPath: string;
  /** The service's full name in it: "gcounter.CounterNode". */
  service: string;
  /** One call waits this long for its answer; past it the attempt is a "deadline". */
  callDeadlineMs: number;
}

export class NodeConnections<Res extends object> {
  readonly nodes: string[];
  private readonly clients = new Map<string, { client: grpc.Client; endpoint: ClientEndpoint }>();

  /** Per node, its endpoint (a cluster's), or a bare address reached by plain h2c. */
  constructor(
    private readonly service: ServiceAddress,
    targets: ReadonlyMap<string, string | ClientEndpoint>,
  ) {
    const Client = serviceClient(service.protoPath, service.service, {
      keepCase: true,
      longs: Number,
      defaults: true,
    });
    for (const [node, target] of targets) {
      const endpoint = endpointOf(target);
      this.clients.set(node, { client: clientAt(Client, endpoint), endpoint });
    }
    this.nodes = [...targets.keys()];
  }

  /** One call of `method` at `node`, as an attempt, with the answer when there was one. */
  async call(node: string, method: string, req: object): Promise<[Attempt, Res | undefined]> {
    const target = this.clients.get(node);
    if (!target) throw new Error(`no connection to ${node}`);
    const metadata = await callMetadata(node, target.endpoint);
    if ("detail" in metadata) {
      const at = nowMs();
      return [
        { node, startMs: at, endMs: at, result: "error", detail: metadata.detail },
        undefined,
      ];
    }
    const client = target.client as unknown as Record<string, Unary>;
    const startMs = nowMs();
    return new Promise((resolve) =>
      (client[method] as Unary).call(
        client,
        req,
        metadata,
        { deadline: Date.now() + this.service.callDeadlineMs },
        (err, res) => {
          const attempt: Attempt = { node, startMs, endMs: nowMs(), result: resultOf(err) };
          if (err) attempt.detail = err.details || err.message;
          resolve([attempt, res as Res | undefined]);
        },
      ),
    );
  }

  close(): void {
    for (const { client } of this.clients.values()) client.close();
  }
}
