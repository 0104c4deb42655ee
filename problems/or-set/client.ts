// The judge's client of or_set.proto: one channel per node, and one operation run to its
// outcome. A call that gets no answer is retried at the same node with the same client_id and
// sequence (the statement's retry rule) until the operation's budget is spent: then it is info.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { Attempt, Operation } from "../../harness/operation.ts";

const PROTO = fileURLToPath(new URL("./or_set.proto", import.meta.url));

/** One call waits this long (a correct node answers within 1 s); then it is a "deadline". */
export const CALL_DEADLINE_MS = 1200;
/** Between a failed attempt and its retry. */
const RETRY_PAUSE_MS = 100;

/** key: the element of an add or remove; output: what a read returned, sorted. */
export type SetOp = Operation & { f: "add" | "remove" | "read"; key?: string; output?: string[] };

type Method = "Add" | "Remove" | "Read";
type Unary = (
  req: object,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: { elements?: string[] }) => void,
) => void;

/** The attempt's result in the history's words, from a gRPC status. */
function resultOf(err: grpc.ServiceError | null): string {
  if (!err) return "ok";
  if (err.code === grpc.status.DEADLINE_EXCEEDED) return "deadline";
  if (err.code === grpc.status.UNAVAILABLE) return "unavailable";
  if (err.code === grpc.status.INVALID_ARGUMENT) return "invalid";
  return "error";
}

export class SetConnections {
  readonly nodes: string[];
  private readonly clients = new Map<string, grpc.Client>();

  constructor(addresses: ReadonlyMap<string, string>) {
    const def = protoLoader.loadSync(PROTO, { keepCase: true, longs: Number, defaults: true });
    const pkg = grpc.loadPackageDefinition(def) as unknown as {
      orset: { OrSetNode: grpc.ServiceClientConstructor };
    };
    for (const [node, address] of addresses) {
      this.clients.set(
        node,
        new pkg.orset.OrSetNode(address, grpc.credentials.createInsecure(), {
          "grpc.initial_reconnect_backoff_ms": 100,
          "grpc.max_reconnect_backoff_ms": 500,
        }),
      );
    }
    this.nodes = [...addresses.keys()];
  }

  /** One call of `method` at `node`, as an attempt, with the elements a read answered. */
  call(node: string, method: Method, req: object): Promise<[Attempt, string[] | undefined]> {
    const client = this.clients.get(node) as unknown as Record<string, Unary>;
    const startMs = nowMs();
    return new Promise((resolve) =>
      (client[method] as Unary).call(
        client,
        req,
        { deadline: Date.now() + CALL_DEADLINE_MS },
        (err, res) => {
          const attempt: Attempt = { node, startMs, endMs: nowMs(), result: resultOf(err) };
          if (err) attempt.detail = err.details || err.message;
          resolve([attempt, res?.elements]);
        },
      ),
    );
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}

const METHOD: Record<SetOp["f"], Method> = { add: "Add", remove: "Remove", read: "Read" };

/**
 * Runs the operation at `node` until an answer or `budgetMs` is spent. A request refused as
 * invalid surely did not happen (fail); any other silence may hide an applied one (info).
 */
export async function runOp(
  connections: SetConnections,
  op: SetOp,
  node: string,
  clientId: string,
  budgetMs: number,
): Promise<SetOp> {
  const req =
    op.f === "read" ? {} : { client_id: clientId, sequence: op.sequence, element: op.key };
  while (nowMs() - op.startMs < budgetMs) {
    const [attempt, elements] = await connections.call(node, METHOD[op.f], req);
    op.attempts.push(attempt);
    if (attempt.result === "ok") {
      op.outcome = "ok";
      op.endMs = attempt.endMs;
      if (op.f === "read") op.output = [...(elements ?? [])].sort();
      return op;
    }
    if (attempt.result === "invalid") {
      op.outcome = "fail";
      op.endMs = attempt.endMs;
      return op;
    }
    await sleep(RETRY_PAUSE_MS);
  }
  return op;
}
