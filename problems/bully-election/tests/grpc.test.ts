// The reference's gRPC side in process, briefly: three nodes on loopback ports with the
// reference's handlers and transport elect the highest; when it stops, the next highest
// takes over; the judge's own client (client.ts over harness/any-node) reads the answers.
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, test } from "vitest";
import { NodeConnections } from "../../../harness/any-node/connections.ts";
import { runOp } from "../../../harness/any-node/run-op.ts";
import { CODEC, SERVICE, type PollOp } from "../client.ts";
import { BullyNode, type Timers } from "../reference/typescript/bully-node.ts";
import { GrpcTransport } from "../reference/typescript/grpc-transport.ts";
import type { PeerClient } from "../reference/typescript/proto.ts";
import { handlers } from "../reference/typescript/service.ts";

const IDS = [0, 1, 2];
const servers: grpc.Server[] = [];
const stopped = new Set<number>();
afterAll(() => {
  for (const id of IDS) stopped.add(id);
  for (const s of servers) s.forceShutdown();
});

/** Real time, silenced once the node is stopped (a killed node's timers die with it). */
const timersOf = (id: number): Timers => ({
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(() => {
      if (!stopped.has(id)) fn();
    }, ms);
    return () => clearTimeout(t);
  },
});

async function listen(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The service from the problem's proto (the reference loads the copy beside its bundle). */
function loadService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(SERVICE.protoPath, {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    bully: { BullyNode: grpc.ServiceClientConstructor };
  };
  return pkg.bully.BullyNode;
}

test("three nodes over gRPC elect node-2, then node-1 once node-2 is gone", async () => {
  const Service = loadService();
  const portOf = new Map<number, number>();
  for (const id of IDS) {
    const server = new grpc.Server();
    servers.push(server);
    portOf.set(id, await listen(server));
  }
  const addresses = new Map(IDS.map((id) => [`node-${id}`, `127.0.0.1:${portOf.get(id)}`]));
  const nodes = IDS.map((id) => {
    const peers = new Map<number, PeerClient>();
    for (const other of IDS.filter((o) => o !== id)) {
      const client = new Service(
        `127.0.0.1:${portOf.get(other)}`,
        grpc.credentials.createInsecure(),
      );
      peers.set(other, client as unknown as PeerClient);
    }
    const node = new BullyNode(id, [...peers.keys()], new GrpcTransport(peers), timersOf(id));
    (servers[id] as grpc.Server).addService(Service.service, handlers(node));
    return node;
  });
  for (const node of nodes) node.start();
  const judge = new NodeConnections<{ known?: boolean; coordinator?: number }>(SERVICE, addresses);
  const ask = async (node: string): Promise<number | null | undefined> => {
    const op: PollOp = {
      id: 0,
      client: "c0",
      f: "coordinator",
      outcome: "info",
      startMs: Date.now(),
      endMs: null,
      attempts: [],
    };
    return (await runOp(judge, CODEC, op, node, "c0", 1000)).output;
  };
  // Polled, not timed: a loaded machine may take longer than the election's own timers.
  const settle = async (ids: number[], expected: number[]) => {
    let named: (number | null | undefined)[] = [];
    for (const until = Date.now() + 8000; Date.now() < until; await wait(100)) {
      named = await Promise.all(ids.map((id) => ask(`node-${id}`)));
      if (JSON.stringify(named) === JSON.stringify(expected)) break;
    }
    assert.deepEqual(named, expected);
  };
  await settle(IDS, [2, 2, 2]);
  stopped.add(2);
  (servers[2] as grpc.Server).forceShutdown();
  // The failure timeout, then an election against a closed port.
  await settle([0, 1], [1, 1]);
  judge.close();
}, 30_000);
