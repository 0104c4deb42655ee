// A tiny node for the agent's tests, following the node contract: serves testnode.TestNode
// and a trivial raft.ConsensusNode on LISTEN_ADDR, calls peers through PEERS, keeps files
// in DATA_DIR. Run: node main.cjs TESTNODE_PROTO RAFT_PROTO (bundled by esbuild).
import { writeFileSync, readFileSync, renameSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

type Callback = grpc.sendUnaryData<object>;
type Call<T> = grpc.ServerUnaryCall<T, object>;
type Ctor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client;

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const nodeId = env("NODE_ID");
const dataDir = env("DATA_DIR");
const peers = new Map(
  env("PEERS")
    .split(",")
    .filter(Boolean)
    .map((p) => p.split("=") as [string, string]),
);

const [testProto, raftProto] = process.argv.slice(2);
if (!testProto || !raftProto) throw new Error("usage: test-node TESTNODE_PROTO RAFT_PROTO");
const loaded = grpc.loadPackageDefinition(
  protoLoader.loadSync([testProto, raftProto], { keepCase: true, longs: Number, defaults: true }),
) as unknown as {
  testnode: { TestNode: Ctor & { service: grpc.ServiceDefinition } };
  raft: { ConsensusNode: Ctor & { service: grpc.ServiceDefinition } };
};

const hogged: Buffer[] = [];
const peerClients = new Map<string, grpc.Client>();

function peerClient(peer: string): grpc.Client {
  let client = peerClients.get(peer);
  if (!client) {
    const address = peers.get(peer);
    if (!address) throw new Error(`unknown peer ${peer}`);
    client = new loaded.raft.ConsensusNode(address, grpc.credentials.createInsecure());
    peerClients.set(peer, client);
  }
  return client;
}

interface CallPeerRequest {
  peer: string;
  kind: string;
  term: number;
  entries: number;
  deadline_ms: number;
}

interface PeerReply {
  term: number;
  vote_granted?: boolean;
  success?: boolean;
}
type PeerMethod = (
  req: object,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: PeerReply) => void,
) => void;

function callPeer(call: Call<CallPeerRequest>, done: Callback): void {
  const { peer, kind, term, entries, deadline_ms } = call.request;
  const client = peerClient(peer) as unknown as Record<string, PeerMethod>;
  const deadline = Date.now() + (deadline_ms || 1000);
  const request =
    kind === "vote"
      ? { term, candidate_id: nodeId, last_log_index: 0, last_log_term: 0 }
      : {
          term,
          leader_id: nodeId,
          entries: Array.from({ length: entries }, (_, i) => ({
            term,
            index: i + 1,
            command: Buffer.from("x"),
          })),
        };
  const method = kind === "vote" ? "RequestVote" : "AppendEntries";
  client[method]?.call(client, request, { deadline }, (err, res) => {
    if (err) done(null, { code: err.code, details: err.details });
    else done(null, { code: 0, term: res.term, granted: res.vote_granted ?? res.success });
  });
}

function probe(call: Call<{ connect_to: string; write_path: string }>, done: Callback): void {
  let write_result = "";
  if (call.request.write_path) {
    try {
      writeFileSync(call.request.write_path, "probe");
      write_result = "written";
    } catch (err) {
      write_result = (err as NodeJS.ErrnoException).code ?? "error";
    }
  }
  const reply = (connect_result: string) =>
    done(null, {
      now_ms: Date.now(),
      connect_result,
      write_result,
      cgroups: readFileSync("/proc/self/cgroup", "utf8"),
    });
  if (!call.request.connect_to) return reply("");
  const [host, port] = call.request.connect_to.split(":");
  const socket = connect({ host, port: Number(port) });
  socket.setTimeout(500, () => (socket.destroy(), reply("ETIMEDOUT")));
  socket.once("connect", () => (socket.destroy(), reply("connected")));
  socket.once("error", (err: NodeJS.ErrnoException) => reply(err.code ?? "error"));
}

function echo(call: Call<{ text: string }>, done: Callback): void {
  const deadline = call.getDeadline();
  // grpc-js gives the deadline as epoch ms (or a Date); Infinity when the call has none.
  const left = (deadline instanceof Date ? deadline.getTime() : deadline) - Date.now();
  const trailers = new grpc.Metadata();
  for (const value of call.metadata.get("x-echo")) trailers.add("x-echo", value);
  const reply = {
    text: call.request.text,
    node_id: nodeId,
    deadline_left_ms: Number.isFinite(left) ? left : 0,
  };
  done(null, reply, trailers);
}

const server = new grpc.Server();
server.addService(loaded.testnode.TestNode.service, {
  Echo: echo,
  CallPeer: callPeer,
  WriteFile: (call: Call<{ name: string; content: string }>, done: Callback) => {
    // Write, fsync-free rename: enough for a test of DATA_DIR surviving a kill.
    const path = join(dataDir, call.request.name);
    writeFileSync(`${path}.tmp`, call.request.content);
    renameSync(`${path}.tmp`, path);
    done(null, {});
  },
  ReadFile: (call: Call<{ name: string }>, done: Callback) => {
    try {
      done(null, { found: true, content: readFileSync(join(dataDir, call.request.name), "utf8") });
    } catch {
      done(null, { found: false, content: "" });
    }
  },
  Hog: (call: Call<{ mebibytes: number }>, done: Callback) => {
    for (let i = 0; i < call.request.mebibytes; i++)
      hogged.push(Buffer.allocUnsafe(2 ** 20).fill(i));
    done(null, { mebibytes: hogged.length });
  },
  Probe: probe,
});
server.addService(loaded.raft.ConsensusNode.service, {
  RequestVote: (call: Call<{ term: number }>, done: Callback) =>
    done(null, { term: call.request.term, vote_granted: true }),
  AppendEntries: (call: Call<{ term: number }>, done: Callback) =>
    done(null, { term: call.request.term, success: true }),
  ClientRequest: (call: Call<{ key: string }>, done: Callback) =>
    done(null, { status: "OK", value: call.request.key, found: true }),
});
server.bindAsync(env("LISTEN_ADDR"), grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) throw err;
  console.log(`test node ${nodeId} serving on ${env("LISTEN_ADDR")}`);
});
