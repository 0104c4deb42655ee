// harness/leader-kv against real gRPC servers on loopback, built from the problems' protos:
// every call carries the node's channel headers (on Cloud Run an ID token: the front end
// admits nobody else), each problem's service is found in its proto, and a chain client
// follows NOT_HEAD and NOT_TAIL hints to the head and the tail and remembers each.
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, beforeAll, test } from "vitest";
import { KvClient } from "../../../harness/leader-kv/client.ts";
import { KvConnections, type WireRequest } from "../../../harness/leader-kv/connections.ts";
import { RouteMemory, makeTargeting } from "../../../harness/leader-kv/targeting.ts";
import type { KvResponse } from "../../../harness/leader-kv/wire.ts";
import { seededRandom } from "../../../harness/random.ts";
import { chainWire } from "../../../problems/chain-replication/wire.ts";
import { paxosWire } from "../../../problems/multi-paxos/wire.ts";
import { PROTO_PATH, raftWire } from "../../../problems/raft/wire.ts";

type Answer = (req: WireRequest, call: grpc.ServerUnaryCall<WireRequest, KvResponse>) => object;
const servers: grpc.Server[] = [];

/** A node answering ClientRequest with `answer`; resolves with its address. */
async function serve(
  protoPath: string,
  packageName: string,
  service: string,
  answer: Answer,
): Promise<string> {
  const def = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as Record<
    string,
    Record<string, grpc.ServiceClientConstructor>
  >;
  const server = new grpc.Server();
  servers.push(server);
  server.addService((pkg[packageName]?.[service] as grpc.ServiceClientConstructor).service, {
    ClientRequest: (
      call: grpc.ServerUnaryCall<WireRequest, KvResponse>,
      done: grpc.sendUnaryData<object>,
    ) => done(null, answer(call.request, call)),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return `127.0.0.1:${port}`;
}

const seen: (string | undefined)[] = [];
let raftAddress = "";
/** The chain node-1 is the head, node-2 the tail; node-0 is a middle node. */
const chainAddresses = new Map<string, string>();
const chainRequests: [string, WireRequest][] = [];

beforeAll(async () => {
  raftAddress = await serve(PROTO_PATH, "raft", "ConsensusNode", (_req, call) => {
    seen.push(call.metadata.get("authorization")[0]?.toString());
    return { status: "OK", value: "v", found: true, leader_hint: "" };
  });
  const chainNode = (node: string): Answer => {
    return (req) => {
      chainRequests.push([node, req]);
      if (req.op === "GET")
        return node === "node-2"
          ? { status: "OK", value: "c0.1;", found: true }
          : { status: "NOT_TAIL", hint: "node-2" };
      if (node === "node-1") return { status: "OK" };
      // node-2 names an address, no node id: recorded, not followed.
      return { status: "NOT_HEAD", hint: node === "node-2" ? "127.0.0.1:22001" : "node-1" };
    };
  };
  for (const node of ["node-0", "node-1", "node-2"])
    chainAddresses.set(
      node,
      await serve(chainWire.protoPath, "chain", "ChainNode", chainNode(node)),
    );
});

afterAll(() => {
  for (const server of servers) server.forceShutdown();
});

const request: WireRequest = { client_id: "c0", sequence: 1, op: "GET", key: "k", value: "" };

test("every call carries the channel's headers", async () => {
  let fetched = 0;
  const headers = async () => ({ authorization: `Bearer token-${++fetched}` });
  const connections = new KvConnections(
    raftWire,
    new Map([["node-0", { clientAddress: raftAddress, clientChannel: { tls: false, headers } }]]),
  );
  try {
    const first = await connections.attempt("node-0", request);
    const second = await connections.attempt("node-0", request);
    assert.equal(first.attempt.result, "ok");
    assert.equal(second.attempt.result, "ok");
    assert.deepEqual(seen.slice(-2), ["Bearer token-1", "Bearer token-2"]);
  } finally {
    connections.close();
  }
});

test("a node without a channel gets plain calls; failing credentials fail the attempt", async () => {
  const connections = new KvConnections(
    raftWire,
    new Map([
      ["node-0", { clientAddress: raftAddress }],
      [
        "node-1",
        {
          clientAddress: raftAddress,
          clientChannel: {
            tls: false,
            headers: () => Promise.reject(new Error("metadata server unreachable")),
          },
        },
      ],
    ]),
  );
  try {
    assert.equal((await connections.attempt("node-0", request)).attempt.result, "ok");
    assert.equal(seen.at(-1), undefined);
    const failed = await connections.attempt("node-1", request);
    assert.equal(failed.attempt.result, "error");
    assert.match(failed.attempt.detail ?? "", /no credentials for node-1: metadata server/);
  } finally {
    connections.close();
  }
});

test("each problem's service is found in its proto; a wrong name is refused", () => {
  const endpoints = new Map([["node-0", { clientAddress: "127.0.0.1:1" }]]);
  for (const wire of [raftWire, paxosWire, chainWire]) new KvConnections(wire, endpoints).close();
  assert.throws(
    () => new KvConnections({ ...paxosWire, service: "ConsensusNode" }, endpoints),
    /multipaxos.ConsensusNode is not a service of .*multi_paxos.proto/,
  );
});

test("a chain client follows NOT_HEAD to the head and NOT_TAIL to the tail, remembering each", async () => {
  const connections = new KvConnections(
    chainWire,
    new Map([...chainAddresses].map(([node, clientAddress]) => [node, { clientAddress }])),
  );
  const memory = new RouteMemory();
  let opId = 0;
  const targeting = makeTargeting("sticky", connections.nodes, "node-0", memory, seededRandom(5));
  const client = new KvClient("run-c0", connections, targeting, () => ++opId);
  try {
    chainRequests.length = 0;
    const put = await client.run({ f: "put", key: "k0", value: "c0.1;" }, 2000);
    const get = await client.run({ f: "get", key: "k0" }, 2000);
    assert.deepEqual(
      put.attempts.map((a) => [a.node, a.result, a.hint]),
      [
        ["node-0", "not_head", "node-1"],
        ["node-1", "ok", undefined],
      ],
    );
    assert.equal(put.outcome, "ok");
    assert.deepEqual(
      get.attempts.map((a) => [a.node, a.result, a.hint]),
      [
        ["node-0", "not_tail", "node-2"],
        ["node-2", "ok", undefined],
      ],
    );
    assert.deepEqual(get.output, { value: "c0.1;", found: true });
    assert.equal(memory.holder("head"), "node-1");
    assert.equal(memory.holder("tail"), "node-2");
    // The same (client_id, sequence) on every attempt of one operation, the next for the next.
    assert.deepEqual(
      chainRequests.map(([node, req]) => [node, req.client_id, req.sequence, req.op, req.value]),
      [
        ["node-0", "run-c0", 1, "PUT", "c0.1;"],
        ["node-1", "run-c0", 1, "PUT", "c0.1;"],
        ["node-0", "run-c0", 2, "GET", ""],
        ["node-2", "run-c0", 2, "GET", ""],
      ],
    );
  } finally {
    connections.close();
  }
});

test("a hint naming no node is recorded, not followed; refused everywhere, the write surely failed", async () => {
  const connections = new KvConnections(
    chainWire,
    new Map([["node-2", { clientAddress: chainAddresses.get("node-2") as string }]]),
  );
  const targeting = makeTargeting(
    "sticky",
    connections.nodes,
    "node-2",
    new RouteMemory(),
    seededRandom(6),
  );
  const client = new KvClient("run-c1", connections, targeting, () => 1);
  try {
    const put = await client.run({ f: "put", key: "k0", value: "c1.1;" }, 150);
    assert.ok(put.attempts.length >= 2);
    for (const a of put.attempts) {
      assert.equal(a.node, "node-2");
      assert.equal(a.result, "not_head");
      assert.equal(a.hint, "127.0.0.1:22001");
    }
    assert.equal(put.outcome, "fail");
    assert.equal(put.endMs, put.attempts.at(-1)?.endMs);
  } finally {
    connections.close();
  }
});
