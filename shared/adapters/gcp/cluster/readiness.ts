// Waits until a node behind its agent accepts connections, asking the agent through Cloud
// Run; on failure the node's log (as the agent kept it) goes with the error for the user.
import { setTimeout as sleep } from "node:timers/promises";
import type { NodeControl } from "../../../ports/cluster.ts";
import { CloudRunDeployError } from "./errors.ts";
import { CLOUD_RUN_LIMITS } from "./limits.ts";

async function nodeLog(control: NodeControl): Promise<string[]> {
  const page = await control.logs().catch(() => null);
  const lines = page?.items.slice(-CLOUD_RUN_LIMITS.deployErrorLogLines) ?? [];
  return lines.map((l) => `[${l.stream}] ${l.line}`);
}

export async function waitNodeReady(
  clusterId: string,
  nodeId: string,
  control: NodeControl,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const fail = async (why: string, cause?: unknown) =>
    new CloudRunDeployError(`${nodeId} ${why}`, clusterId, nodeId, await nodeLog(control), {
      cause,
    });
  for (;;) {
    let lastError: unknown = null;
    const status = await control.status().catch((err: unknown) => {
      lastError = err;
      return null;
    });
    if (status?.state === "running") return;
    if (status?.state === "exited") {
      throw await fail(`exited before it was ready: ${status.lastExit?.cause ?? "no cause known"}`);
    }
    if (performance.now() > deadline) {
      const what = status
        ? `was not ready (state ${status.state})`
        : `had no answering agent (${(lastError as Error | null)?.message ?? "no answer"})`;
      throw await fail(
        `${what} ${Math.round(timeoutMs / 1000)} s after its service was`,
        lastError,
      );
    }
    await sleep(CLOUD_RUN_LIMITS.readyPollIntervalMs);
  }
}
