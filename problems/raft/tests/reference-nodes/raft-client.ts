// A judge-like Raft client for tests: one operation at a time, sequences from 1, retries of
// the same sequence after UNAVAILABLE or a deadline, leader hints followed, other nodes tried.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

export type Op = "GET" | "PUT" | "APPEND";
export interface Reply {
  status: "OK" | "NOT_LEADER" | "UNAVAILABLE";
  value: string;
  found: boolean;
  leader_hint: string;
}
type Call = (
  req: object,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: Reply) => void,
) => void;

const callDeadlineMs = 1000;
const retryPauseMs = 50;

export class RaftTestClient {
  private readonly calls = new Map<string, Call>();
  private readonly channels: grpc.Client[] = [];
  private sequence = 0;
  /** The node that answered the last OK. */
  leader = "";

  constructor(
    protoPath: string,
    addresses: Map<string, string>,
    readonly clientId: string,
  ) {
    const definition = protoLoader.loadSync(protoPath, {
      keepCase: true,
      longs: Number,
      enums: String,
      // proto3 leaves default values off the wire: without this, an empty value is undefined.
      defaults: true,
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      raft: { ConsensusNode: grpc.ServiceClientConstructor };
    };
    for (const [id, address] of addresses) {
      const client = new pkg.raft.ConsensusNode(address, grpc.credentials.createInsecure(), {
        "grpc.initial_reconnect_backoff_ms": 100,
        "grpc.max_reconnect_backoff_ms": 500,
      });
      this.channels.push(client);
      const method = (client as unknown as { ClientRequest: Call }).ClientRequest;
      this.calls.set(id, method.bind(client));
    }
  }

  /** One call to one node: the reply, or the gRPC error. */
  send(node: string, req: object): Promise<Reply | grpc.ServiceError> {
    const call = this.calls.get(node);
    if (!call) throw new Error(`unknown node ${node}`);
    return new Promise((resolve) => {
      call(req, { deadline: Date.now() + callDeadlineMs }, (err, res) =>
        resolve(err ?? (res as Reply)),
      );
    });
  }

  /** Runs one operation to OK, or throws after budgetMs. */
  async run(op: Op, key: string, value = "", budgetMs = 10_000): Promise<Reply> {
    this.sequence++;
    const req = { client_id: this.clientId, sequence: this.sequence, op, key, value };
    const nodes = [...this.calls.keys()];
    let node = this.leader || (nodes[0] as string);
    const startMs = Date.now();
    const seen: string[] = [];
    while (Date.now() - startMs < budgetMs) {
      const res = await this.send(node, req);
      if ("status" in res && res.status === "OK") {
        this.leader = node;
        return res;
      }
      seen.push(`${node}: ${"status" in res ? res.status : res.details}`);
      if ("status" in res && res.status === "NOT_LEADER" && res.leader_hint) {
        node = res.leader_hint;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
      node = nodes[(nodes.indexOf(node) + 1) % nodes.length] as string;
    }
    throw new Error(`${op} ${key} got no OK in ${budgetMs} ms: ${seen.slice(-5).join("; ")}`);
  }

  close(): void {
    for (const channel of this.channels) channel.close();
  }
}
