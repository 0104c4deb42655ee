// harness/any-node against a real gRPC server on loopback (g_counter.proto, served by
// grpc-js in process): an answer ends the operation ok with its output, an invalid or
// unimplemented answer ends it as fail at once, and silence is retried at the same node with
// the same request until the budget is spent, leaving the operation open (info).
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, beforeAll, test } from "vitest";
import { NodeConnections } from "../../../harness/any-node/connections.ts";
import type { ClientEndpoint } from "../../../harness/client-channel.ts";
import { anyNodeRequests } from "../../../harness/any-node/plan-requests.ts";
import { runOp } from "../../../harness/any-node/run-op.ts";
import { ClientGate } from "../../../harness/client-gate.ts";
import type { WorkloadContext } from "../../../harness/problem.ts";
import { seededRandom } from "../../../harness/random.ts";
import { nowMs } from "../../../harness/clock.ts";
import { CODEC, SERVICE, type CounterOp } from "../../../problems/g-counter/client.ts";

type Handler = (req: { client_id?: string; sequence?: number; delta?: number }) => {
  code?: grpc.status;
  value?: number;
};

let server: grpc.Server;
let address: string;
const received: object[] = [];
/** Each call's x-clusterjudge-proof header, as the server saw it. */
const proofs: (string | undefined)[] = [];
let onAdd: Handler = () => ({});

beforeAll(async () => {
  const def = protoLoader.loadSync(SERVICE.protoPath, {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    gcounter: { CounterNode: grpc.ServiceClientConstructor };
  };
  server = new grpc.Server();
  const unary =
    (handler: () => Handler) =>
    (call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => {
      received.push(call.request);
      proofs.push(call.metadata.get("x-clusterjudge-proof")[0]?.toString());
      const { code, value } = handler()(call.request);
      if (code === undefined) cb(null, { value });
      else if (code !== grpc.status.DEADLINE_EXCEEDED) cb({ code, details: "said so" });
      // DEADLINE_EXCEEDED: never answer, the caller's deadline ends the attempt.
    };
  server.addService(pkg.gcounter.CounterNode.service, {
    Add: unary(() => onAdd),
    Read: unary(() => () => ({ value: 42 })),
    Gossip: unary(() => () => ({})),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  address = `127.0.0.1:${port}`;
});
afterAll(() => server.forceShutdown());

const op = (f: "add" | "read", value?: number): CounterOp => ({
  id: 1,
  client: "c0",
  sequence: 7,
  f,
  ...(value === undefined ? {} : { value }),
  outcome: "info",
  startMs: nowMs(),
  endMs: null,
  attempts: [],
});

function connect(callDeadlineMs = 300) {
  return new NodeConnections<{ value?: number }>(
    { ...SERVICE, callDeadlineMs },
    new Map([["node-0", address]]),
  );
}

test("a read answered ok records the value; an add carries client_id, sequence and delta", async () => {
  const c = connect();
  try {
    const read = await runOp(c, CODEC, op("read"), "node-0", "run-c0", 2000);
    assert.equal(read.outcome, "ok");
    assert.equal(read.output, 42);
    received.length = 0;
    onAdd = () => ({});
    const add = await runOp(c, CODEC, op("add", 5), "node-0", "run-c0", 2000);
    assert.equal(add.outcome, "ok");
    assert.deepEqual(received, [{ client_id: "run-c0", sequence: 7, delta: 5 }]);
  } finally {
    c.close();
  }
});

test("invalid and unimplemented answers end the operation as fail after one attempt", async () => {
  const c = connect();
  try {
    for (const code of [grpc.status.INVALID_ARGUMENT, grpc.status.UNIMPLEMENTED]) {
      onAdd = () => ({ code });
      const add = await runOp(c, CODEC, op("add", 1), "node-0", "run-c0", 2000);
      assert.equal(add.outcome, "fail");
      assert.equal(add.attempts.length, 1);
      assert.notEqual(add.endMs, null);
    }
  } finally {
    c.close();
  }
});

test("silence and other errors are retried with the same request until the budget, then info", async () => {
  const c = connect(100);
  try {
    received.length = 0;
    let calls = 0;
    onAdd = () => ({ code: calls++ % 2 ? grpc.status.INTERNAL : grpc.status.DEADLINE_EXCEEDED });
    const add = await runOp(c, CODEC, op("add", 3), "node-0", "run-c0", 1000);
    assert.equal(add.outcome, "info");
    assert.equal(add.endMs, null);
    assert.ok(add.attempts.length >= 2, `${add.attempts.length} attempts`);
    assert.deepEqual(new Set(add.attempts.map((a) => a.result)), new Set(["deadline", "error"]));
    assert.ok(received.every((r) => JSON.stringify(r) === JSON.stringify(received[0])));
    assert.ok(add.attempts.every((a) => a.node === "node-0"));
  } finally {
    c.close();
  }
});

test("a plan's request: each label a client of its own sequence; a retry resends it as it was", async () => {
  const c = connect(100);
  let nextId = 1;
  const ctx = {
    random: seededRandom(1),
    originMs: nowMs(),
    endMs: nowMs() + 10_000,
    idleWindows: [],
    runId: "run",
    nextOpId: () => nextId++,
    gate: new ClientGate(),
    note: () => {},
  } as unknown as WorkloadContext;
  const parse = (request: unknown) => ({ f: "add" as const, value: (request as { n: number }).n });
  try {
    received.length = 0;
    onAdd = () => ({});
    const requests = anyNodeRequests(ctx, c, CODEC, parse);
    assert.equal(await requests.send("a", "node-0", { n: 2 }, 1000), "ok from node-0");
    assert.equal(await requests.send("a", "node-0", { n: 3 }, 1000), "ok from node-0");
    onAdd = () => ({ code: grpc.status.DEADLINE_EXCEEDED });
    assert.match(
      await requests.send("a", "node-0", undefined, 300),
      /^deadline from node-0 after \d+ attempts$/,
    );
    await assert.rejects(requests.send("b", "node-0", undefined, 300), /never sent/);
    assert.deepEqual(
      requests.history().map((op) => [op.client, op.sequence, op.value, op.outcome]),
      [
        ["a", 1, 2, "ok"],
        ["a", 2, 3, "ok"],
      ],
    );
    assert.deepEqual(received.slice(0, 3), [
      { client_id: "run-a", sequence: 1, delta: 2 },
      { client_id: "run-a", sequence: 2, delta: 3 },
      { client_id: "run-a", sequence: 2, delta: 3 },
    ]);
  } finally {
    c.close();
  }
});

test("a service the proto does not hold is refused with its name", () => {
  assert.throws(
    () => new NodeConnections({ ...SERVICE, service: "gcounter.Nope" }, new Map()),
    /gcounter\.Nope is not a service of .*g_counter\.proto/,
  );
});

test("a cluster's endpoint: every call carries its channel's headers; failing ones fail the attempt", async () => {
  let fetched = 0;
  const c = new NodeConnections<{ value?: number }>(
    { ...SERVICE, callDeadlineMs: 300 },
    new Map<string, string | ClientEndpoint>([
      [
        "node-0",
        {
          clientAddress: address,
          clientChannel: {
            tls: false,
            headers: async () => ({ "x-clusterjudge-proof": `proof-${++fetched}` }),
          },
        },
      ],
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
      ["node-2", address],
    ]),
  );
  try {
    proofs.length = 0;
    assert.equal((await c.call("node-0", "Read", {}))[0].result, "ok");
    assert.equal((await c.call("node-0", "Read", {}))[0].result, "ok");
    assert.equal((await c.call("node-2", "Read", {}))[0].result, "ok");
    assert.deepEqual(proofs, ["proof-1", "proof-2", undefined]);
    const [failed, answer] = await c.call("node-1", "Read", {});
    assert.equal(failed.result, "error");
    assert.match(failed.detail ?? "", /no credentials for node-1: metadata server unreachable/);
    assert.equal(answer, undefined);
    assert.equal(proofs.length, 3, "a call without its credentials is never sent");
  } finally {
    c.close();
  }
});
