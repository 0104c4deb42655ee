// A deployed cluster of test nodes for the agent's integration tests, and the small waits
// they share. Every fixture is torn down in `after`, so no process or folder outlives a
// test file even when a test fails; one a failed or timed-out hook never handed over is
// torn down when the file ends.
import { afterAll } from "vitest";
import type {
  ClusterHandle,
  NodeCommand,
  NodeControl,
  NodeState,
} from "../../../shared/ports/cluster.ts";
import {
  LocalCluster,
  type LocalClusterOptions,
} from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { RAFT_PROTO, testNodeCommand } from "../../support/test-node/command.ts";
import { TestNodeClient } from "../../support/test-node/client.ts";

export { groupMembers } from "../../support/leftovers/proc.ts";

export interface Fixture {
  cluster: LocalCluster;
  handle: ClusterHandle;
  clients: TestNodeClient[];
  control(i: number): NodeControl;
  /** Links healed, message logs cleared, every node running. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
const open = new Set<LocalCluster>();

afterAll(async () => {
  await Promise.all([...open].map((cluster) => cluster.teardownAll()));
});

export async function deployFixture(
  opts: { nodeCount?: number; command?: NodeCommand; options?: LocalClusterOptions } = {},
): Promise<Fixture> {
  const cluster = new LocalCluster(opts.options);
  open.add(cluster);
  const handle = await cluster.deploy({
    clusterId: `agent-test-${process.pid}-${counter++}`,
    problem: "raft",
    nodeCount: opts.nodeCount ?? 3,
    command: opts.command ?? (await testNodeCommand()),
    protoPath: RAFT_PROTO,
  });
  const clients = handle.nodes.map((n) => new TestNodeClient(n.clientAddress));
  const control = (i: number) => (handle.nodes[i] as { control: NodeControl }).control;
  return {
    cluster,
    handle,
    clients,
    control,
    reset: async () => {
      await Promise.all(
        handle.nodes.map(async ({ control: c }) => {
          await c.setLinks([]);
          const { state } = await c.status();
          if (state === "paused") await c.resume();
          if (state === "stopped" || state === "exited") await c.start();
          await waitState(c, "running");
          await c.clear();
        }),
      );
    },
    close: async () => {
      for (const c of clients) c.close();
      await cluster.teardownAll();
      open.delete(cluster);
    },
  };
}

const WAIT_MS_MAX = 20_000;

/** Polls until the node is in `state`; fails with the last status seen. */
export async function waitState(control: NodeControl, state: NodeState): Promise<void> {
  const until = Date.now() + WAIT_MS_MAX;
  for (;;) {
    const status = await control.status();
    if (status.state === state) return;
    if (Date.now() > until) throw new Error(`never ${state}: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
