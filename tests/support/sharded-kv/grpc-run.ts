// One short run of a problem's judge against five reference nodes served over real gRPC
// inside the test process (no agents, no processes, no faults): the judge's membership
// service, clients, view reads and final reads against the nodes' handlers and peer calls,
// then every check over what it recorded; and the judge test both problems run on it.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "vitest";
import { ClientGate } from "../../../harness/client-gate.ts";
import { nowMs } from "../../../harness/clock.ts";
import type { ProblemDefinition, ProblemJudge, WorkloadContext } from "../../../harness/problem.ts";
import { protoPathOf, referenceDirOf } from "../../../problems/paths.ts";
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { ClusterHandle } from "../../../shared/ports/cluster.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import type { ShardWorkload } from "../../../harness/sharded-kv/workload.ts";
import { freePorts } from "../../../shared/adapters/local/cluster/ports.ts";

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

export async function grpcRun(
  judge: ProblemJudge<ShardOp>,
  Service: grpc.ServiceClientConstructor,
  serve: ServeNode,
  plan: ScenarioPlan<ShardWorkload>,
): Promise<{ run: RunRecord<ShardOp>; results: PropertyResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), "sharded-kv-"));
  const addresses = new Map<string, string>();
  const ports = await freePorts(NODES.length);
  NODES.forEach((id, i) => addresses.set(id, `127.0.0.1:${ports[i]}`));
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

/**
 * The judge against five of the problem's reference nodes over real gRPC in this process (a
 * few seconds, no processes): it installs memberships, reads views, runs clients and final
 * reads; nothing is violated, every required check holds, and forwarding, which reads the
 * agents' traffic, has none to read.
 * The reference's modules are loaded from its folder, as every sharded-kv reference lays
 * them out.
 */
export function judgeOverGrpcTest(
  problem: ProblemDefinition,
  judge: ProblemJudge<ShardOp>,
  serviceName: string,
): void {
  test("a short run against the reference over gRPC: nothing violated, every required check holds", async () => {
    const Service = loadService(protoPathOf(problem), serviceName);
    const dir = referenceDirOf(problem.slug, "typescript");
    const load = async <T>(file: string, name: string) =>
      ((await import(join(dir, file))) as Record<string, T>)[name] as T;
    const grpcTransport = await load<
      (service: grpc.ServiceClientConstructor, peers: [string, string][]) => unknown
    >("grpc-transport.ts", "grpcTransport");
    const shardHandlers = await load<(node: unknown) => grpc.UntypedServiceImplementation>(
      "handlers.ts",
      "shardHandlers",
    );
    const ShardNode = await load<
      new (id: string, nodes: string[], state: unknown, transport: unknown) => unknown
    >("shard-node.ts", "ShardNode");
    const StateFile = await load<new (dataDir: string) => unknown>("state-file.ts", "StateFile");
    const { run, results } = await grpcRun(
      judge,
      Service,
      (id, dataDir, peers) => {
        mkdirSync(dataDir, { recursive: true });
        const nodes = [id, ...peers.map(([p]) => p)].sort();
        const transport = grpcTransport(Service, peers);
        return shardHandlers(new ShardNode(id, nodes, new StateFile(dataDir), transport));
      },
      shortPlan(3),
    );
    // Nothing is violated and every required check holds. A check that is not required may
    // lack evidence on a loaded machine (the judge's setup runs long and a join's views come
    // late: "moves" inconclusive); forwarding always does, with no agents to record calls.
    const violated = results.filter((r) => r.status === "violated").map((r) => r.message);
    assert.deepEqual(violated, []);
    const required = new Set(judge.checks.filter((c) => c.required).map((c) => c.name));
    const unproven = results
      .filter((r) => required.has(r.property) && r.status !== "holds")
      .map((r) => `${r.property}: ${r.status}: ${r.message}`);
    assert.deepEqual(unproven, []);
    const forwarding = results.find((r) => r.property === "forwarding");
    assert.equal(forwarding?.status, "inconclusive", "no agents: no forwarded call recorded");
    const answered = run.history.filter((op) => op.outcome === "ok").length;
    assert.ok(answered > 20, `the clients got answers: ${answered}`);
  }, 30_000);
}
