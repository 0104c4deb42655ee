// The judge's channels to a leader-based store: one gRPC client per node from the problem's
// proto, shared by every client of a run, and one ClientRequest made into an attempt the
// history keeps, its answer classified by the problem's wire.
import * as grpc from "@grpc/grpc-js";
import { callMetadata, clientAt, serviceClient, type ClientEndpoint } from "../client-channel.ts";
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
  req: object,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: unknown) => void,
) => void;

/** One call's end: the answer or the error, and when it left and came back (the judge's clock). */
export interface CallEnd<Res> {
  startMs: number;
  endMs: number;
  err: grpc.ServiceError | null;
  res?: Res;
}

export class KvConnections<Redirect extends string = string> {
  private readonly calls = new Map<string, { client: grpc.Client; endpoint: ClientEndpoint }>();

  constructor(
    readonly wire: KvWire<Redirect>,
    endpoints: ReadonlyMap<string, ClientEndpoint>,
  ) {
    // defaults: a node in another language leaves default values ("", false) off the wire.
    const Client = serviceClient(wire.protoPath, `${wire.packageName}.${wire.service}`, {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
    });
    for (const [node, endpoint] of endpoints)
      this.calls.set(node, { client: clientAt(Client, endpoint), endpoint });
  }

  get nodes(): string[] {
    return [...this.calls.keys()];
  }

  /** One attempt, always resolved: transport errors become attempt results. */
  async attempt(
    node: string,
    request: WireRequest,
  ): Promise<{ attempt: KvAttempt<Redirect>; response?: KvResponse }> {
    const ended = await this.call<KvResponse>(node, "ClientRequest", request);
    if ("detail" in ended) {
      const { startMs, endMs, detail } = ended;
      return { attempt: { node, startMs, endMs, result: "error", detail } };
    }
    const { startMs, endMs, err, res } = ended;
    if (err || !res) {
      const result =
        err?.code === grpc.status.DEADLINE_EXCEEDED
          ? "deadline"
          : err?.code === grpc.status.UNAVAILABLE
            ? "unavailable"
            : "error";
      return { attempt: { node, startMs, endMs, result, detail: err?.details ?? "no response" } };
    }
    return { attempt: attemptOf(this.wire, node, startMs, endMs, res), response: res };
  }

  /**
   * One call of any rpc of the service (the chain's master sends Configure over it), with
   * the wire's deadline unless told; resolves with what came back, or with why it could
   * not be sent (no credentials).
   */
  async call<Res>(
    node: string,
    method: string,
    request: object,
    deadlineMs = this.wire.callDeadlineMs,
  ): Promise<CallEnd<Res> | { startMs: number; endMs: number; detail: string }> {
    const target = this.calls.get(node);
    if (!target) throw new Error(`no connection to ${node}`);
    const metadata = await callMetadata(node, target.endpoint);
    if ("detail" in metadata) {
      const at = nowMs();
      return { startMs: at, endMs: at, detail: metadata.detail };
    }
    const rpc = (target.client as unknown as Record<string, Call | undefined>)[method];
    if (typeof rpc !== "function") throw new Error(`${method} is no rpc of ${this.wire.service}`);
    const startMs = nowMs();
    const deadline = Date.now() + deadlineMs;
    return new Promise((resolve) => {
      rpc.call(target.client, request, metadata, { deadline }, (err, res) =>
        resolve({ startMs, endMs: nowMs(), err, ...(res ? { res: res as Res } : {}) }),
      );
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
