// The judge's workload, snapshot schedule and final reads against three reference nodes
// served over gRPC on 127.0.0.1 inside this process (no agents, so no traffic: the checks
// that read only the answers run), for about a second and a half.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { ClientGate } from "../../../harness/client-gate.ts";
import { nowMs } from "../../../harness/clock.ts";
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { ClusterHandle } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { completionCheck } from "../checks/completion.ts";
import { conservationCheck } from "../checks/conservation.ts";
import { SERVICE, type SnapshotOp } from "../client.ts";
import { judge } from "../judge.ts";
import { startAt } from "../plans/workload.ts";
import { ChannelSender } from "../reference/typescript/channel-sender.ts";
import type { ChannelMessage, PeerClient, TransferRequest } from "../reference/typescript/proto.ts";
import { SnapshotNode } from "../reference/typescript/snapshot-node.ts";
import type { SnapshotWorkload } from "../workload.ts";
import { NODES } from "./simulation.ts";

const servers: grpc.Server[] = [];
const clients: grpc.Client[] = [];
afterAll(() => {
  for (const c of clients) c.close();
  for (const s of servers) s.forceShutdown();
});

/** The reference's wiring (main.ts) for one node, on a port of its own. */
async function serve(Service: grpc.ServiceClientConstructor, ports: Map<string, number>) {
  for (const id of NODES) {
    const senders = new Map<string, ChannelSender>();
    for (const peer of NODES.filter((n) => n !== id)) {
      const client = new Service(
        `127.0.0.1:${ports.get(peer)}`,
        grpc.credentials.createInsecure(),
      ) as unknown as PeerClient;
      clients.push(client);
      senders.set(
        peer,
        new ChannelSender(
          id,
          (msg, done) => client.Deliver(msg, { deadline: Date.now() + 500 }, (err) => done(!err)),
          (ms, fn) => setTimeout(fn, ms),
        ),
      );
    }
    const node = new SnapshotNode(id, senders);
    const unary =
      <Req>(handler: (req: Req) => object): grpc.handleUnaryCall<Req, object> =>
      (call, cb) => {
        try {
          cb(null, handler(call.request));
        } catch (err) {
          cb({ code: grpc.status.FAILED_PRECONDITION, details: String(err) });
        }
      };
    const server = servers.find((_, i) => NODES[i] === id) as grpc.Server;
    server.addService(Service.service, {
      Transfer: unary((req: TransferRequest) => (node.transfer(req), {})),
      StartSnapshot: unary(
        (req: { snapshot_id: number }) => (node.startSnapshot(req.snapshot_id), {}),
      ),
      GetSnapshot: unary((req: { snapshot_id: number }) => node.getSnapshot(req.snapshot_id)),
      Deliver: unary((req: ChannelMessage) => (node.deliver(req), {})),
    });
  }
}

test("the judge pays, starts the planned snapshots, and reads every one at every node", async () => {
  const definition = protoLoader.loadSync(SERVICE.protoPath, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  const Service = (
    grpc.loadPackageDefinition(definition) as unknown as {
      chandylamport: { SnapshotNode: grpc.ServiceClientConstructor };
    }
  ).chandylamport.SnapshotNode;
  const ports = new Map<string, number>();
  for (const id of NODES) {
    const server = new grpc.Server();
    servers.push(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    ports.set(id, port);
  }
  await serve(Service, ports);

  const random = seededRandom(5);
  const snapshots = [
    startAt(random, 300, "node-0", 1),
    startAt(random, 700, "node-1", 2),
    startAt(random, 700, "node-2", 3),
  ];
  const plan: ScenarioPlan<SnapshotWorkload> = {
    name: "test",
    description: "",
    seed: 5,
    workload: { clients: 2, thinkMs: [10, 20], amountMax: 20, snapshots },
    workloadMs: 1200,
    faults: [],
    recoveryMs: 300,
    idleWindows: [],
  };
  const cluster = {
    clusterId: "test",
    nodes: NODES.map((id) => ({ id, clientAddress: `127.0.0.1:${ports.get(id)}` })),
    sandbox: [],
  } as unknown as ClusterHandle;
  const session = judge.open(cluster);
  let opId = 0;
  const originMs = nowMs();
  const ctx = {
    plan,
    random,
    originMs,
    endMs: originMs + plan.workloadMs,
    idleWindows: [],
    runId: "t",
    nextOpId: () => opId++,
    gate: new ClientGate(),
    note: () => {},
  };
  const workload = session.startWorkload(ctx);
  await workload.finished;
  await new Promise((r) => setTimeout(r, plan.recoveryMs));
  const finalReads = await session.finalReads(ctx, 2000);
  session.close();

  const starts = workload.history.filter((op) => op.f === "start");
  assert.deepEqual(
    starts.map((op) => [op.value, op.attempts[0]?.node, op.outcome]),
    [
      [1, "node-0", "ok"],
      [2, "node-1", "ok"],
      [3, "node-2", "ok"],
    ],
  );
  assert.ok(
    workload.history.filter((op) => op.f === "transfer" && op.outcome === "ok").length > 10,
  );
  assert.equal(finalReads.length, 9);
  const run = runRecord<SnapshotOp>({
    problem: "chandy-lamport",
    seed: 5,
    originMs,
    endMs: nowMs(),
    nodes: NODES,
    history: [...workload.history, ...finalReads],
    finalReads,
    finalReadBudgetMs: 2000,
  });
  for (const check of [completionCheck, conservationCheck]) {
    const result = check.run(run, { searchTimeoutMs: 1000 });
    assert.equal(result.status, "holds", `${result.property}: ${result.message}`);
  }
  const document = judge.historyDocument(run) as { ops: { f: string; snapshot_id: unknown }[] };
  assert.equal(document.ops.filter((op) => op.f === "read" && op.snapshot_id === 3).length, 3);
}, 10_000);
