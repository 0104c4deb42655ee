// Run by judge-killed.test.ts as a stand-in judge: deploys a cluster, prints what it made
// (one JSON line), then waits to be killed.
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import type { ControlClient } from "../../../shared/agent/control-client.ts";
import { testNodeCommand } from "../../support/test-node/command.ts";

const cluster = new LocalCluster();
const handle = await cluster.deploy({
  clusterId: `agent-held-${process.pid}`,
  problem: "raft",
  nodeCount: 2,
  command: await testNodeCommand(),
});
const nodes = await Promise.all(
  handle.nodes.map(async (n) => ({
    agent: (await (n.control as ControlClient).info()).pid,
    node: (await n.control.status()).pid,
  })),
);
process.stdout.write(`${JSON.stringify({ nodes, sandbox: handle.sandbox })}\n`);
setInterval(() => {}, 60_000);
