// The judge's clients: one per node, pinned to it (node-i's client is c<i>), each repeating
// acquire, hold, release, think until the workload's end. Built from harness/any-node's
// pieces (connections, runOp, newOp); its startClients is not used because it sends one
// operation at a time to random nodes, and an entry is an acquire and a release at one node.
import { nowMs, sleep } from "../../harness/clock.ts";
import type { NodeConnections } from "../../harness/any-node/connections.ts";
import { runOp } from "../../harness/any-node/run-op.ts";
import { newOp } from "../../harness/any-node/workload.ts";
import type { WorkloadContext, WorkloadRun } from "../../harness/problem.ts";
import { CODEC, type MutexOp } from "./client.ts";
import { ACQUIRE_BUDGET_MS, RELEASE_BUDGET_MS, type MutexWorkload } from "./workload.ts";

export function startPinnedClients(
  ctx: WorkloadContext,
  connections: NodeConnections<{ timestamp?: number }>,
): WorkloadRun<MutexOp> {
  const spec = ctx.plan.workload as MutexWorkload;
  const history: MutexOp[] = [];
  const runClient = async (index: number, node: string): Promise<void> => {
    const rng = ctx.random.fork(`client-${index}`);
    const client = `c${index}`;
    // The client's identity at the node: unique per run, so no earlier run's state applies.
    const clientId = `${ctx.runId}-${client}`;
    const [thinkMin, thinkMax] = spec.thinkMs[index] ?? [0, 0];
    // Every client's first acquire at the same moment: the plans rely on it (contention).
    await sleep(ctx.originMs + spec.firstAcquireMs - nowMs());
    for (let seq = 1; nowMs() < ctx.endMs; seq++) {
      const leave = await ctx.gate.enter(ctx.endMs);
      if (nowMs() >= ctx.endMs) {
        leave();
        break;
      }
      try {
        const acquire = newOp<MutexOp>(ctx, client, seq, { f: "acquire", key: node });
        history.push(acquire);
        await runOp(connections, CODEC, acquire, node, clientId, ACQUIRE_BUDGET_MS);
        if (acquire.outcome === "fail") continue;
        if (acquire.outcome === "ok") await sleep(rng.int(spec.holdMs[0], spec.holdMs[1]));
        // Released whatever the client heard: a grant it never saw must not hold the section
        // forever, and a request still waiting is withdrawn (statement.md).
        const release = newOp<MutexOp>(ctx, client, seq, { f: "release", key: node });
        history.push(release);
        await runOp(connections, CODEC, release, node, clientId, RELEASE_BUDGET_MS);
      } finally {
        leave();
      }
      await sleep(rng.int(thinkMin, thinkMax));
    }
  };
  const finished = Promise.all(connections.nodes.map((node, i) => runClient(i, node))).then(
    () => undefined,
  );
  return { history, done: () => history.filter((op) => op.endMs !== null).length, finished };
}
