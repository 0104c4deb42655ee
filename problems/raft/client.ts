// The judge's Raft clients, following the spec's client rules: one operation outstanding
// per client, sequences from 1, retries of the same (client_id, sequence) after UNAVAILABLE
// or a deadline, leader hints followed. Each operation is recorded from its first attempt
// to its final answer, with every attempt.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import type { ClientChannel, NodeEndpoint } from "../../shared/ports/cluster.ts";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { Attempt, AttemptResult, ClientOp } from "./checks/history.ts";

export const PROTO_PATH = fileURLToPath(new URL("./raft.proto", import.meta.url));
/** A node's words kept in the record: enough to show a wrong hint, never a flood. */
export const HINT_CHARS_MAX = 200;
/** The node contract's default deadline for one call. */
export const CALL_DEADLINE_MS = 1000;
const RETRY_BACKOFF_MS = 50;

type Status = "OK" | "NOT_LEADER" | "UNAVAILABLE" | "STATUS_UNSPECIFIED";
interface RawResponse {
  status: Status;
  value: string;
  found: boolean;
  leader_hint: string;
}
type Call = (
  req: object,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: RawResponse) => void,
) => void;

/** One gRPC channel per node, shared by every client of a run. */
export class RaftConnections {
  private readonly calls = new Map<
    string,
    { client: grpc.Client; call: Call; headers: ClientChannel["headers"] | null }
  >();

  constructor(
    endpoints: ReadonlyMap<string, Pick<NodeEndpoint, "clientAddress" | "clientChannel">>,
  ) {
    // defaults: a node in another language leaves default values ("", false) off the wire.
    const def = protoLoader.loadSync(PROTO_PATH, {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
    });
    const pkg = grpc.loadPackageDefinition(def) as unknown as {
      raft: { ConsensusNode: grpc.ServiceClientConstructor };
    };
    for (const [node, { clientAddress, clientChannel }] of endpoints) {
      const credentials = clientChannel?.tls
        ? grpc.credentials.createSsl()
        : grpc.credentials.createInsecure();
      const client = new pkg.raft.ConsensusNode(clientAddress, credentials, {
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
    request: object,
  ): Promise<{ attempt: Attempt; response?: RawResponse }> {
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
    return new Promise((resolve) => {
      target.call(request, metadata, { deadline: Date.now() + CALL_DEADLINE_MS }, (err, res) => {
        const endMs = nowMs();
        if (err || !res) {
          const result: AttemptResult =
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
        const result: AttemptResult =
          res.status === "OK"
            ? "ok"
            : res.status === "NOT_LEADER"
              ? "not_leader"
              : res.status === "UNAVAILABLE"
                ? "unavailable"
                : "error";
        const attempt: Attempt = { node, startMs, endMs, result };
        if (result === "not_leader")
          attempt.hint = String(res.leader_hint).slice(0, HINT_CHARS_MAX);
        if (result === "error") attempt.detail = `status ${res.status}`;
        resolve({ attempt, response: res });
      });
    });
  }

  close(): void {
    for (const { client } of this.calls.values()) client.close();
  }
}

export interface OpRequest {
  f: ClientOp["f"];
  key: string;
  value?: string;
}

/** How a client picks the node for each attempt. */
export interface Targeting {
  /** The node for an operation's first attempt. */
  first(): string;
  /** The node after an ambiguous failure (UNAVAILABLE, deadline) on `node`. */
  afterFailure(node: string): string;
  /** A node named a leader (hint or OK). */
  learned(leader: string): void;
}

/** One judge client: a session with its own id and sequence. */
export class RaftClient {
  private sequence = 0;

  constructor(
    readonly id: string,
    private readonly connections: RaftConnections,
    private readonly targeting: Targeting,
    private readonly nextOpId: () => number,
  ) {}

  /** Runs one operation to its final answer or until budgetMs is spent. */
  async run(
    req: OpRequest,
    budgetMs: number,
    stop: () => boolean = () => false,
  ): Promise<ClientOp> {
    this.sequence++;
    const op: ClientOp = {
      id: this.nextOpId(),
      client: this.id,
      sequence: this.sequence,
      ...req,
      outcome: "info",
      startMs: nowMs(),
      endMs: null,
      attempts: [],
    };
    const wire = {
      client_id: this.id,
      sequence: this.sequence,
      op: req.f.toUpperCase(),
      key: req.key,
      value: req.value ?? "",
    };
    let node = this.targeting.first();
    while (true) {
      const { attempt, response } = await this.connections.attempt(node, wire);
      op.attempts.push(attempt);
      if (attempt.result === "ok" && response) {
        this.targeting.learned(node);
        op.outcome = "ok";
        op.endMs = attempt.endMs;
        if (req.f === "get") op.output = { value: response.value, found: response.found };
        return op;
      }
      if (nowMs() - op.startMs > budgetMs || stop()) return finish(op);
      // A hint naming no node of the cluster ("127.0.0.1:22001") is recorded (the redirect
      // check reports it) and treated as no hint: the client tries another node.
      const known = attempt.hint !== undefined && this.connections.nodes.includes(attempt.hint);
      if (attempt.result === "not_leader" && known && attempt.hint && attempt.hint !== node) {
        this.targeting.learned(attempt.hint);
        node = attempt.hint;
        continue;
      }
      await sleep(RETRY_BACKOFF_MS);
      node = this.targeting.afterFailure(node);
    }
  }
}

/**
 * An operation that never got OK: it surely did not happen only if every attempt was
 * refused with NOT_LEADER (the spec: such an operation never takes effect); otherwise it
 * may have happened and stays open to the end of the history.
 */
export function finish(op: ClientOp): ClientOp {
  const refusedEverywhere = op.attempts.every((a) => a.result === "not_leader");
  op.outcome = refusedEverywhere ? "fail" : "info";
  op.endMs = refusedEverywhere ? (op.attempts.at(-1)?.endMs ?? op.startMs) : null;
  return op;
}
