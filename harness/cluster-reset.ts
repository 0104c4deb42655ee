// Brings a deployed cluster back to a scenario's starting point: every node killed, its
// DATA_DIR emptied, links healed, message logs cleared, then all started together.
import type { ClusterHandle } from "../shared/ports/cluster.ts";
import { nowMs, sleep } from "./clock.ts";

const RUNNING_WAIT_MS = 15000;

/** Resets the cluster; returns when the nodes were started again (epoch ms). */
export async function resetCluster(cluster: ClusterHandle): Promise<number> {
  // Every node down first, then logs cleared: a call the previous scenario's leader still
  // had in flight must not land in this scenario's message log.
  await Promise.all(
    cluster.nodes.map(async ({ control }) => {
      await control.setLinks([]);
      await control.clearTriggers();
      const { state } = await control.status();
      if (state === "paused") await control.resume();
      if (state !== "stopped" && state !== "exited") await control.kill();
    }),
  );
  await Promise.all(
    cluster.nodes.map(async ({ control }) => {
      await control.wipe();
      await control.clear();
    }),
  );
  const startedAtMs = nowMs();
  await Promise.all(cluster.nodes.map(({ control }) => control.start()));
  const until = nowMs() + RUNNING_WAIT_MS;
  for (const node of cluster.nodes) {
    for (;;) {
      const status = await node.control.status();
      if (status.state === "running") break;
      if (nowMs() > until || status.state === "exited") {
        const why = status.lastExit ? `: ${status.lastExit.cause}` : ` (it is ${status.state})`;
        throw new NodeNotReadyError(
          node.id,
          `${node.id} did not start again for the scenario${why}`,
        );
      }
      await sleep(50);
    }
  }
  return startedAtMs;
}

/** The submission's node did not come up for a scenario: the scenario fails, no retry. */
export class NodeNotReadyError extends Error {
  override readonly name = "NodeNotReadyError";
  constructor(
    readonly node: string,
    message: string,
  ) {
    super(message);
  }
}
