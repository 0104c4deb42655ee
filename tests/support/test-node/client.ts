// A client of the test node for tests: every call returns its outcome as data (the reply,
// or the gRPC status code), never throws, so a test can assert on faults directly.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { RAFT_PROTO, TEST_NODE_PROTO } from "./command.ts";

export interface Outcome<T> {
  /** gRPC status code: 0 for OK. */
  code: number;
  reply: T | null;
  details: string;
  trailers: Record<string, string[]>;
}

export interface EchoReply {
  text: string;
  node_id: string;
  deadline_left_ms: number;
}
export interface CallPeerReply {
  code: number;
  details: string;
  term: number;
  granted: boolean;
}
export interface ProbeReply {
  now_ms: number;
  connect_result: string;
  write_result: string;
  cgroups: string;
}

type Ctor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client;
type Unary = (
  req: object,
  metadata: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => grpc.ClientUnaryCall;

const definition = protoLoader.loadSync([TEST_NODE_PROTO, RAFT_PROTO], {
  keepCase: true,
  longs: Number,
  defaults: true,
});
const loaded = grpc.loadPackageDefinition(definition) as unknown as {
  testnode: { TestNode: Ctor };
};

const DEFAULT_DEADLINE_MS = 5_000;

export class TestNodeClient {
  private readonly client: grpc.Client;

  constructor(readonly address: string) {
    this.client = new loaded.testnode.TestNode(address, grpc.credentials.createInsecure());
  }

  echo(text: string, opts: CallOpts = {}): Promise<Outcome<EchoReply>> {
    return this.call("Echo", { text }, opts);
  }
  callPeer(
    peer: string,
    kind: "vote" | "append",
    term: number,
    opts: CallOpts & { entries?: number; peerDeadlineMs?: number } = {},
  ): Promise<Outcome<CallPeerReply>> {
    const req = {
      peer,
      kind,
      term,
      entries: opts.entries ?? 0,
      deadline_ms: opts.peerDeadlineMs ?? 1000,
    };
    return this.call("CallPeer", req, opts);
  }
  writeFile(name: string, content: string): Promise<Outcome<object>> {
    return this.call("WriteFile", { name, content }, {});
  }
  readFile(name: string): Promise<Outcome<{ found: boolean; content: string }>> {
    return this.call("ReadFile", { name }, {});
  }
  hog(mebibytes: number, opts: CallOpts = {}): Promise<Outcome<{ mebibytes: number }>> {
    return this.call("Hog", { mebibytes }, opts);
  }
  probe(connectTo: string, writePath: string): Promise<Outcome<ProbeReply>> {
    return this.call("Probe", { connect_to: connectTo, write_path: writePath }, {});
  }

  close(): void {
    this.client.close();
  }

  private call<T>(method: string, req: object, opts: CallOpts): Promise<Outcome<T>> {
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(opts.metadata ?? {})) metadata.add(k, v);
    const fn = (this.client as unknown as Record<string, Unary>)[method] as Unary;
    const deadline = Date.now() + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
    return new Promise((resolve) => {
      let trailers: Record<string, string[]> = {};
      const call = fn.call(this.client, req, metadata, { deadline }, (err, res) => {
        // The status (with trailers) may come after the callback: read it on the next turn.
        setImmediate(() =>
          resolve({
            code: err ? err.code : 0,
            reply: err ? null : (res as T),
            details: err?.details ?? "",
            trailers: err?.metadata ? plain(err.metadata) : trailers,
          }),
        );
      });
      call.on("status", (status: grpc.StatusObject) => (trailers = plain(status.metadata)));
    });
  }
}

export interface CallOpts {
  deadlineMs?: number;
  metadata?: Record<string, string>;
}

function plain(metadata: grpc.Metadata): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(metadata.getMap())) out[k] = [String(v)];
  return out;
}
