// The judge's Raft clients reach a node through its endpoint's channel: on Cloud Run every
// call carries an ID token (the front end admits nobody else). A loopback gRPC server built
// from the problem's proto shows what arrives.
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, beforeAll, test } from "vitest";
import { PROTO_PATH, RaftConnections } from "../client.ts";

const seen: (string | undefined)[] = [];
let server: grpc.Server;
let address = "";

beforeAll(async () => {
  const def = protoLoader.loadSync(PROTO_PATH, { keepCase: true, enums: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    raft: { ConsensusNode: grpc.ServiceClientConstructor };
  };
  server = new grpc.Server();
  server.addService(pkg.raft.ConsensusNode.service, {
    ClientRequest: (
      call: grpc.ServerUnaryCall<unknown, unknown>,
      done: grpc.sendUnaryData<unknown>,
    ) => {
      seen.push(call.metadata.get("authorization")[0]?.toString());
      done(null, { status: "OK", value: "v", found: true, leader_hint: "" });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  address = `127.0.0.1:${port}`;
});

afterAll(() => server.forceShutdown());

const request = { client_id: "c0", sequence: 1, op: "GET", key: "k", value: "" };

test("every call carries the channel's headers", async () => {
  let fetched = 0;
  const headers = async () => ({ authorization: `Bearer token-${++fetched}` });
  const connections = new RaftConnections(
    new Map([["node-0", { clientAddress: address, clientChannel: { tls: false, headers } }]]),
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
  const connections = new RaftConnections(
    new Map([
      ["node-0", { clientAddress: address }],
      [
        "node-1",
        {
          clientAddress: address,
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
