// One short run of a problem's judge against five reference nodes served over real gRPC
// inside the test process (no agents, no processes, no faults): the judge's membership
// service, clients, view reads and final reads against the nodes' handlers and peer calls,
// then every check over what it recorded. For the problems' judge tests.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientGate } from "../../../harness/client-gate.ts";
import { nowMs } from "../../../harness/clock.ts";
import type { ProblemJudge, WorkloadContext } from "../../../harness/problem.ts";
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { ClusterHandle } from "../../../harness/../shared/ports/cluster.ts";
import type { PropertyResult } from "../../../harness/../shared/check/property.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import type { ShardWorkload } from "../../../harness/sharded-kv/workload.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];

/** Builds a node's gRPC handlers from its id, DATA_DIR and peers' addresses. */
export type ServeNode = (
  id: string,
  dataDir: string,
  peers: [string, string][],
) => grpc.UntypedServiceImplementation;

/** The service of a problem's proto, as its nodes load it. */
export function loadService(protoPath: string, name: string): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    defaults: true,
  });
  let found: unknown = grpc.loadPackageDefinition(definition);
  for (const part of name.split(".")) found = (found as Record<string, unknown>)[part];
  return found as grpc.ServiceClientConstructor;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function grpcRun(
  judge: ProblemJudge<ShardOp>,
  Service: grpc.ServiceClientConstructor,
  serve: ServeNode,
  plan: ScenarioPlan<ShardWorkload>,
): Promise<{ run: RunRecord<ShardOp>; results: PropertyResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), "sharded-kv-"));
  const addresses = new Map<string, string>();
  for (const id of NODES) addresses.set(id, `127.0.0.1:${await freePort()}`);
  const servers = await Promise.all(
    NODES.map(async (id) => {
      const server = new grpc.Server();
      const peers = [...addresses].filter(([peer]) => peer !== id);
      server.addService(Service.service, serve(id, join(dir, id), peers));
      await new Promise<void>((resolve, reject) =>
        server.bindAsync(
          addresses.get(id) as string,
          grpc.ServerCredentials.createInsecure(),
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      return server;
    }),
  );
  const cluster = {
    clusterId: "in-process",
    nodes: NODES.map((id) => ({ id, clientAddress: addresses.get(id) as string })),
    sandbox: [],
  } as unknown as ClusterHandle;
  const session = judge.open(cluster);
  let opId = 0;
  const originMs = nowMs();
  const ctx: WorkloadContext = {
    plan,
    random: seededRandom(plan.seed).fork("workload"),
    originMs,
    endMs: originMs + plan.workloadMs,
    idleWindows: [],
    runId: `${plan.name}-${plan.seed}`,
    nextOpId: () => opId++,
    gate: new ClientGate(),
    note: () => {},
  };
  try {
    const workload = session.startWorkload(ctx);
    await workload.finished;
    const finalReads = await session.finalReads(ctx, 5000);
    const run: RunRecord<ShardOp> = {
      problem: "in-process",
      scenario: plan.name,
      seed: plan.seed,
      originMs,
      endMs: nowMs(),
      nodes: NODES,
      history: [...workload.history, ...finalReads],
      finalReads,
      finalReadBudgetMs: 5000,
      messages: [],
      messagesDropped: 0,
      faults: [],
      roleLosses: [],
      idleWindows: [],
      timeline: [],
      limitHits: [],
      problemRecord: session.record?.(),
    };
    const results = judge.checks.map((c) => c.run(run, { searchTimeoutMs: 5000 }));
    return { run, results };
  } finally {
    session.close();
    await Promise.all(
      servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A short fault-free run: node-4 joins at 2 s, node-2 leaves at 3.5 s. */
export function shortPlan(seed: number): ScenarioPlan<ShardWorkload> {
  const four = NODES.slice(0, 4);
  return {
    name: "in_process",
    description: "node-4 joins at 2 s and node-2 leaves at 3.5 s; three clients.",
    seed,
    workload: {
      clients: 3,
      keys: ["k0", "k1", "k2", "k3", "k4", "k5"],
      putShare: 0.5,
      thinkMs: [10, 30],
      memberships: [
        { atMs: 0, members: four },
        { atMs: 2000, members: NODES },
        { atMs: 3500, members: NODES.filter((n) => n !== "node-2") },
      ],
    },
    workloadMs: 4500,
    faults: [],
    recoveryMs: 0,
    idleWindows: [],
  };
}
