// The cluster port on one machine: N chaos agents as local processes on loopback, each
// starting its node inside what the sandbox could set up. Agents run in the cluster's
// network namespace when there is one; the judge drives them over unix sockets and its
// clients reach them through a TCP-to-socket forwarder.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type {
  ClusterHandle,
  ClusterPort,
  ClusterSpec,
  NodeEndpoint,
} from "../../../ports/cluster.ts";
import { bundleAgent } from "../../../agent/bundle.ts";
import type { AgentConfigInput } from "../../../agent/config.ts";
import { ControlClient } from "../../../agent/control-client.ts";
import { killCgroupProcesses, removeCgroups } from "./cgroups.ts";
import { ClusterDeployError } from "./errors.ts";
import { forwardTcpToUnix, type Forwarder } from "./forwarder.ts";
import { clusterKey, defaultRootDir, sweepOrphans } from "./layout.ts";
import { AGENT_STOP_WAIT_MS, CLUSTER_NODES_MAX, NODE_READY_TIMEOUT_MS } from "./limits.ts";
import { deleteNetns } from "./netns.ts";
import { nodeIds, planPorts, type NodePorts } from "./port-plan.ts";
import { waitReady, type AgentProcess } from "./readiness.ts";
import { prepareSandbox, type ClusterSandbox, type SandboxSwitches } from "./sandbox.ts";

interface Deployed {
  key: string;
  dir: string;
  handle: ClusterHandle;
  agents: AgentProcess[];
  forwarders: Forwarder[];
  netns: string | null;
}

export interface LocalClusterOptions {
  /** Where clusters' folders go; default: the OS temp folder. */
  rootDir?: string;
  /** Sandbox steps to leave out; each is still reported, as turned off. */
  disable?: SandboxSwitches;
}

export class LocalCluster implements ClusterPort {
  private readonly clusters = new Map<string, Deployed>();
  private readonly rootDir: string;
  private readonly disabled: SandboxSwitches;
  private readonly onExit = () => this.killAllNow();

  constructor(options: LocalClusterOptions = {}) {
    this.rootDir = resolve(options.rootDir ?? defaultRootDir());
    this.disabled = options.disable ?? {};
  }

  async deploy(spec: ClusterSpec): Promise<ClusterHandle> {
    if (!spec.clusterId) throw new ClusterDeployError("a cluster needs an id", "", null, "");
    if (this.clusters.has(spec.clusterId)) {
      throw new ClusterDeployError(
        `cluster ${spec.clusterId} is already deployed`,
        spec.clusterId,
        null,
        "",
      );
    }
    if (!(spec.nodeCount >= 1 && spec.nodeCount <= CLUSTER_NODES_MAX)) {
      throw new ClusterDeployError(
        `nodeCount must be 1..${CLUSTER_NODES_MAX}`,
        spec.clusterId,
        null,
        "",
      );
    }
    await sweepOrphans(this.rootDir);
    const key = clusterKey(spec.clusterId);
    const dir = join(this.rootDir, key);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const ids = nodeIds(spec.nodeCount);
    const sandbox = await prepareSandbox(key, ids, this.disabled);
    const deployed: Deployed = {
      key,
      dir,
      handle: { clusterId: spec.clusterId, nodes: [], sandbox: sandbox.steps },
      agents: [],
      forwarders: [],
      netns: sandbox.netns,
    };
    this.clusters.set(spec.clusterId, deployed);
    if (this.clusters.size === 1) process.on("exit", this.onExit);
    try {
      const ports = await planPorts(ids, sandbox.netns !== null);
      const agentFile = await bundleAgent();
      for (const node of ports) {
        deployed.agents.push(this.startAgent(spec, deployed, sandbox, ports, node, agentFile));
      }
      deployed.handle.nodes = await Promise.all(
        deployed.agents.map((agent, i) => this.endpoint(deployed, agent, ports[i] as NodePorts)),
      );
      const timeoutMs = spec.readyTimeoutMs ?? NODE_READY_TIMEOUT_MS;
      await Promise.all(
        deployed.agents.map((agent) => waitReady(spec.clusterId, agent, timeoutMs)),
      );
      return deployed.handle;
    } catch (err) {
      await this.teardown(spec.clusterId);
      if (err instanceof ClusterDeployError) throw err;
      throw new ClusterDeployError(
        `deploy failed: ${(err as Error).message}`,
        spec.clusterId,
        null,
        "",
        { cause: err },
      );
    }
  }

  async attach(clusterId: string): Promise<ClusterHandle | null> {
    return this.clusters.get(clusterId)?.handle ?? null;
  }

  async teardown(clusterId: string): Promise<void> {
    const deployed = this.clusters.get(clusterId);
    if (!deployed) return;
    this.clusters.delete(clusterId);
    if (this.clusters.size === 0) process.off("exit", this.onExit);
    await Promise.all(deployed.agents.map((agent) => stopAgent(agent)));
    for (const agent of deployed.agents) {
      killNodeGroup(agent.dir);
      agent.control.close();
    }
    killCgroupProcesses(deployed.key);
    await Promise.all(deployed.forwarders.map((f) => f.close()));
    await removeCgroupsPatiently(deployed.key);
    if (deployed.netns) await deleteNetns(deployed.netns);
    rmSync(deployed.dir, { recursive: true, force: true });
  }

  /** Tears down every cluster this instance deployed. */
  async teardownAll(): Promise<void> {
    await Promise.all([...this.clusters.keys()].map((id) => this.teardown(id)));
  }

  private startAgent(
    spec: ClusterSpec,
    deployed: Deployed,
    sandbox: ClusterSandbox,
    ports: NodePorts[],
    node: NodePorts,
    agentFile: string,
  ): AgentProcess {
    const dir = join(deployed.dir, node.id);
    const dataDir = join(dir, "data");
    mkdirSync(dataDir, { recursive: true });
    const socket = join(dir, "agent.sock");
    const cwd = resolve(spec.command.cwd);
    const config: AgentConfigInput = {
      nodeId: node.id,
      clusterSize: spec.nodeCount,
      ingress: { host: "127.0.0.1", port: node.ingress },
      ingressSocket: socket,
      controlOnTcp: false, // only the judge, through the socket, drives the agent
      node: { host: "127.0.0.1", port: node.node },
      peers: [...node.egress].map(([peer, egressPort]) => {
        const peerPorts = ports.find((p) => p.id === peer) as NodePorts;
        return { id: peer, egressPort, agentAddress: `127.0.0.1:${peerPorts.ingress}` };
      }),
      command: { argv: spec.command.argv, cwd, env: spec.command.env ?? {} },
      dataDir,
      protoPath: spec.protoPath ? resolve(spec.protoPath) : undefined,
      parentPid: process.pid,
      nodePidFile: join(dir, "node.pid"),
      faketimePath: sandbox.faketimePath ?? undefined,
      sandbox: sandbox.nodeSandbox(node.id, {
        dataDir,
        cwd,
        argv: spec.command.argv,
        clusterDir: deployed.dir,
      }),
    };
    const configFile = join(dir, "agent.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const logFd = openSync(join(dir, "agent.log"), "a");
    const argv = [...sandbox.agentPrefix, process.execPath, agentFile, "--config", configFile];
    // Own process group (kill it whole); stdin is a pipe whose end tells the agent we died.
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: dir,
      detached: true,
      stdio: ["pipe", logFd, logFd],
    });
    closeSync(logFd);
    const exited = new Promise<void>((r) => {
      child.once("exit", () => r());
      child.once("error", () => r()); // could not even start: seen by waitReady as an exit
    });
    return { id: node.id, dir, child, exited, control: new ControlClient(`unix:${socket}`) };
  }

  private async endpoint(
    deployed: Deployed,
    agent: AgentProcess,
    ports: NodePorts,
  ): Promise<NodeEndpoint> {
    if (!deployed.netns) {
      return { id: agent.id, clientAddress: `127.0.0.1:${ports.ingress}`, control: agent.control };
    }
    const forwarder = await forwardTcpToUnix(join(agent.dir, "agent.sock"));
    deployed.forwarders.push(forwarder);
    return { id: agent.id, clientAddress: forwarder.address, control: agent.control };
  }

  /** Last resort when the judge exits without tearing down: no process may outlive it. */
  private killAllNow(): void {
    for (const deployed of this.clusters.values()) {
      for (const agent of deployed.agents) {
        if (agent.child.pid !== undefined) signalGroup(agent.child.pid);
        killNodeGroup(agent.dir);
      }
      killCgroupProcesses(deployed.key);
    }
  }
}

function signalGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // gone already
  }
}

function killNodeGroup(agentDir: string): void {
  try {
    signalGroup(Number(readFileSync(join(agentDir, "node.pid"), "utf8")));
  } catch {
    // the node never started
  }
}

/** Asks the agent to stop its node and exit; kills it if it does not in time. */
async function stopAgent(agent: AgentProcess): Promise<void> {
  if (agent.child.exitCode !== null || agent.child.signalCode !== null) return;
  const timeout = new Promise<void>((r) => setTimeout(r, AGENT_STOP_WAIT_MS).unref());
  await Promise.race([agent.control.shutdown().catch(() => undefined), timeout]);
  await Promise.race([agent.exited, timeout]);
  if (agent.child.pid !== undefined) signalGroup(agent.child.pid);
  await agent.exited;
}

/** cgroups can be removed only once their last process has been reaped by the kernel. */
async function removeCgroupsPatiently(key: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if (removeCgroups(key).length === 0) return;
    killCgroupProcesses(key);
    await new Promise((r) => setTimeout(r, 50));
  }
}
