// Waits until an agent answers and its node accepts connections, or says why not with the
// node's own log: the node exited, its agent died, or the node contract's 15 s ran out.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ControlClient } from "../../../agent/control-client.ts";
import { ClusterDeployError } from "./errors.ts";
import { DEPLOY_ERROR_LOG_LINES, READY_POLL_INTERVAL_MS } from "./limits.ts";

export interface AgentProcess {
  id: string;
  dir: string;
  child: ChildProcess;
  exited: Promise<void>;
  control: ControlClient;
}

function agentLog(agent: AgentProcess): string {
  try {
    return readFileSync(join(agent.dir, "agent.log"), "utf8").trim();
  } catch {
    return "";
  }
}

/** The node's log as the agent kept it, falling back to the agent's own output. */
async function nodeLog(agent: AgentProcess): Promise<string> {
  const page = await agent.control.logs().catch(() => null);
  const lines =
    page?.items.slice(-DEPLOY_ERROR_LOG_LINES).map((l) => `[${l.stream}] ${l.line}`) ?? [];
  const own = agentLog(agent);
  return [...lines, ...(own ? [`[agent process] ${own}`] : [])].join("\n");
}

export async function waitReady(
  clusterId: string,
  agent: AgentProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const fail = async (why: string) =>
    new ClusterDeployError(`${agent.id} ${why}`, clusterId, agent.id, await nodeLog(agent));
  for (;;) {
    if (agent.child.exitCode !== null || agent.child.signalCode !== null) {
      throw new ClusterDeployError(
        `${agent.id}: its agent exited`,
        clusterId,
        agent.id,
        agentLog(agent),
      );
    }
    const status = await agent.control.status().catch(() => null);
    if (status?.state === "running") return;
    if (status?.state === "exited") {
      throw await fail(`exited before it was ready: ${status.lastExit?.cause ?? "no cause known"}`);
    }
    if (performance.now() > deadline) {
      const what = status ? `was not ready (state ${status.state})` : "had no answering agent";
      throw await fail(`${what} ${Math.round(timeoutMs / 1000)} s after start`);
    }
    await new Promise((r) => setTimeout(r, READY_POLL_INTERVAL_MS));
  }
}
