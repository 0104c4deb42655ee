// The judge's channels to a leader-based store: one gRPC client per node from the problem's
// proto, shared by every client of a run, and one ClientRequest made into an attempt the
// history keeps, its answer classified by the problem's wire.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ClientChannel, NodeEndpoint } from "../../shared/ports/cluster.ts";
import { nowMs } from "../clock.ts";
import type { KvAttempt } from "./history.ts";
import type { KvResponse, KvWire } from "./wire.ts";

/** A node's words kept in the record: enough to show a wrong hint, never a flood. */
export const HINT_CHARS_MAX = 200;

/** What a client sends: the proto's ClientRequest. */
export interface WireRequest {
  client_id: string;
  sequence: number;
  op: string;
  key: string;
  value: string;
}

type Call = (
  req: WireRequest,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: KvResponse) => void,
) => void;

export class KvConnections<Redirect extends string = string> {
  private readonly calls = new Map<
    string,
    { client: grpc.Client; call: Call; headers: ClientChannel["headers"] | null }
  >();

  constructor(
    readonly wire: KvWire<Redirect>,
    endpoints: ReadonlyMap<string, Pick<NodeEndpoint, "clientAddress" | "clientChannel">>,
  ) {
    // defaults: a node in another language leaves default values ("", false) off the wire.
    const def = protoLoader.loadSync(wire.protoPath, {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
    });
    let ctor: unknown = grpc.loadPackageDefinition(def);
    for (const part of [...wire.packageName.split("."), wire.service])
      ctor = (ctor as Record<string, unknown> | undefined)?.[part];
    if (typeof ctor !== "function")
      throw new Error(`${wire.packageName}.${wire.service} is not a service of ${wire.protoPath}`);
    const Client = ctor as grpc.ServiceClientConstructor;
    for (const [node, { clientAddress, clientChannel }] of endpoints) {
      const credentials = clientChannel?.tls
        ? grpc.credentials.createSsl()
        : grpc.credentials.createInsecure();
      const client = new Client(clientAddress, credentials, {
        "grpc.initial_reconnect_backoff_ms": 100,
        "grpc.max_reconnect_backoff_ms": 500,
      });
      const call = (client as unknown as { ClientRequest: Call }).ClientRequest.bind(client);
      this.calls.set(node, { client, call, headers: clientChannel?.headers ?? null });
    }
  }

  get nodes(): string[] {
    return [...this.calls.keys()];
  }

  /** One attempt, always resolved: transport errors become attempt results. */
  async attempt(
    node: string,
    request: WireRequest,
  ): Promise<{ attempt: KvAttempt<Redirect>; response?: KvResponse }> {
    const target = this.calls.get(node);
    if (!target) throw new Error(`no connection to ${node}`);
    const metadata = new grpc.Metadata();
    try {
      for (const [name, value] of Object.entries((await target.headers?.()) ?? {}))
        metadata.set(name, value);
    } catch (err) {
      const at = nowMs();
      const detail = `no credentials for ${node}: ${(err as Error).message}`;
      return { attempt: { node, startMs: at, endMs: at, result: "error", detail } };
    }
    const startMs = nowMs();
    const deadline = Date.now() + this.wire.callDeadlineMs;
    return new Promise((resolve) => {
      target.call(request, metadata, { deadline }, (err, res) => {
        const endMs = nowMs();
        if (err || !res) {
          const result =
            err?.code === grpc.status.DEADLINE_EXCEEDED
              ? "deadline"
              : err?.code === grpc.status.UNAVAILABLE
                ? "unavailable"
                : "error";
          resolve({
            attempt: { node, startMs, endMs, result, detail: err?.details ?? "no response" },
          });
          return;
        }
        resolve({ attempt: attemptOf(this.wire, node, startMs, endMs, res), response: res });
      });
    });
  }

  close(): void {
    for (const { client } of this.calls.values()) client.close();
  }
}

/** An answered call as the history keeps it. */
export function attemptOf<Redirect extends string>(
  wire: KvWire<Redirect>,
  node: string,
  startMs: number,
  endMs: number,
  res: KvResponse,
): KvAttempt<Redirect> {
  const answer = wire.classify(res);
  switch (answer.kind) {
    case "ok":
      return { node, startMs, endMs, result: "ok" };
    case "redirect":
      return {
        node,
        startMs,
        endMs,
        result: answer.result,
        hint: answer.hint.slice(0, HINT_CHARS_MAX),
      };
    case "unavailable":
      return { node, startMs, endMs, result: "unavailable" };
    case "error":
      return { node, startMs, endMs, result: "error", detail: answer.detail };
  }
}
