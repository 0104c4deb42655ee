// The judge against five reference nodes over real gRPC in this process (a few seconds, no
// processes): it installs memberships, reads views, runs clients and final reads, and every
// check holds but forwarding, which reads the agents' traffic (none here).
import assert from "node:assert/strict";
import { test } from "vitest";
import { fileURLToPath } from "node:url";
import { grpcRun, loadService, shortPlan } from "../../../tests/support/sharded-kv/grpc-run.ts";
import { judge } from "../judge.ts";
import { grpcTransport } from "../reference/typescript/grpc-transport.ts";
import { shardHandlers } from "../reference/typescript/handlers.ts";
import { ShardNode } from "../reference/typescript/shard-node.ts";
import { StateFile } from "../reference/typescript/state-file.ts";
import { mkdirSync } from "node:fs";

test("a short run against the reference over gRPC: every check holds", async () => {
  const Service = loadService(
    fileURLToPath(new URL("../consistent_hashing.proto", import.meta.url)),
    "consistenthashing.ShardNode",
  );
  const { run, results } = await grpcRun(
    judge,
    Service,
    (id, dataDir, peers) => {
      mkdirSync(dataDir, { recursive: true });
      const nodes = [id, ...peers.map(([p]) => p)].sort();
      const node = new ShardNode(id, nodes, new StateFile(dataDir), grpcTransport(Service, peers));
      return shardHandlers(node);
    },
    shortPlan(3),
  );
  const notHolding = results
    .filter((r) => r.status !== "holds")
    .map((r) => `${r.property}: ${r.status}: ${r.message}`);
  assert.deepEqual(notHolding, [
    "forwarding: inconclusive: The agents recorded no forwarded call of a known epoch.",
  ]);
  assert.ok(run.history.filter((op) => op.outcome === "ok").length > 20, "the clients got answers");
}, 30_000);
