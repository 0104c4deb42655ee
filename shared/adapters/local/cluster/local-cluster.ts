// The cluster port on one machine: N chaos agents as local processes, each starting its
// node inside the sandbox (which must be whole unless the caller opted out). Each agent
// and its node share a network namespace of their own; agents reach each other, and the
// judge reaches them, over unix sockets (files cross namespaces), and the judge's clients
// through a TCP-to-socket forwarder.
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
import { CgroupTree } from "./cgroups.ts";
import { ClusterDeployError } from "./errors.ts";
import { forwardTcpToUnix, type Forwarder } from "./forwarder.ts";
import { clusterKey, defaultRootDir, removeCluster, sweepOrphans } from "./layout.ts";
import { AGENT_STOP_WAIT_MS, CLUSTER_NODES_MAX, NODE_READY_TIMEOUT_MS } from "./limits.ts";
import { nodeIds, planPorts, type NodePorts } from "./port-plan.ts";
import { waitReady, type AgentProcess } from "./readiness.ts";
import {
  prepareSandbox,
  type ClusterSandbox,
  type NodeSandbox,
  type SandboxSwitches,
} from "./sandbox.ts";
import { enforcementStep, failedClosedMessage, missingSteps, optedOut } from "./sandbox-steps.ts";

/** The judge's socket for control (and client calls), and the one for client calls only. */
const CONTROL_SOCKET = "agent.sock";
const CLIENT_SOCKET = "clients.sock";
/** The socket an agent keeps for calls from one peer's agent. */
function peerSocketName(peer: string): string {
  return `from-${peer}.sock`;
}

interface Deployed {
  key: string;
  dir: string;
  handle: ClusterHandle;
  agents: AgentProcess[];
  forwarders: Forwarder[];
}

export interface LocalClusterOptions {
  /** Where clusters' folders go; default: the OS temp folder. */
  rootDir?: string;
  /** Sandbox steps to leave out; each is still reported, as turned off. */
  disable?: SandboxSwitches;
  /**
   * Deploy even when sandbox steps are missing (also: CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1).
   * The handle's `unsafeNoSandbox` and its last step then say so.
   */
  unsafeNoSandbox?: boolean;
  /** The cgroup file system's root; default /sys/fs/cgroup (a fake tree in tests). */
  cgroupRoot?: string;
}

/** A unix socket path longer than this does not fit in sockaddr_un. */
const SOCKET_PATH_MAX = 107;

export class LocalCluster implements ClusterPort {
  private readonly clusters = new Map<string, Deployed>();
  private readonly rootDir: string;
  private readonly options: LocalClusterOptions;
  private readonly cgroups: CgroupTree;
  private readonly onExit = () => this.killAllNow();

  constructor(options: LocalClusterOptions = {}) {
    this.rootDir = resolve(options.rootDir ?? defaultRootDir());
    this.options = options;
    this.cgroups = new CgroupTree(options.cgroupRoot);
  }

  async deploy(spec: ClusterSpec): Promise<ClusterHandle> {
    const refuse = (why: string) => new ClusterDeployError(why, spec.clusterId ?? "", null, "");
    if (!spec.clusterId) throw refuse("a cluster needs an id");
    if (this.clusters.has(spec.clusterId)) {
      throw refuse(`cluster ${spec.clusterId} is already deployed`);
    }
    if (!(spec.nodeCount >= 1 && spec.nodeCount <= CLUSTER_NODES_MAX)) {
      throw refuse(`nodeCount must be 1..${CLUSTER_NODES_MAX}`);
    }
    await sweepOrphans(this.rootDir, this.cgroups);
    const key = clusterKey(spec.clusterId);
    const dir = join(this.rootDir, key);
    const ids = nodeIds(spec.nodeCount);
    const longest = join(dir, ids.at(-1) as string, peerSocketName(ids.at(-1) as string));
    if (longest.length > SOCKET_PATH_MAX) {
      throw refuse(`the cluster folder's path is too long for unix sockets: ${longest}`);
    }
    const deployed: Deployed = {
      key,
      dir,
      handle: { clusterId: spec.clusterId, nodes: [], sandbox: [] },
      agents: [],
      forwarders: [],
    };
    this.clusters.set(spec.clusterId, deployed);
    if (this.clusters.size === 1) process.on("exit", this.onExit);
    try {
      rmSync(dir, { recursive: true, force: true });
      const nodes = ids.map((id) => ({ id, dir: join(dir, id), dataDir: join(dir, id, "data") }));
      for (const node of nodes) mkdirSync(node.dataDir, { recursive: true });
      const sandbox = await prepareSandbox(key, nodes, {
        ...(this.options.disable ? { disable: this.options.disable } : {}),
        ...(this.options.cgroupRoot ? { cgroupRoot: this.options.cgroupRoot } : {}),
      });
      const missing = missingSteps(sandbox.steps);
      const how = optedOut(this.options.unsafeNoSandbox, process.env);
      deployed.handle.sandbox = [...sandbox.steps, enforcementStep(missing, how)];
      if (missing.length > 0) {
        if (!how) throw refuse(failedClosedMessage(missing));
        deployed.handle.unsafeNoSandbox = `${how}; missing: ${missing.map((m) => m.step).join("; ")}`;
      }
      const ports = await planPorts(ids, sandbox.ownNamespaces);
      const agentFile = await bundleAgent();
      for (const node of ports) {
        deployed.agents.push(this.startAgent(spec, deployed, sandbox, node, agentFile));
      }
      deployed.handle.nodes = await Promise.all(
        deployed.agents.map((agent) => this.endpoint(deployed, agent)),
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
    // Not deployed by this process: its deployer was a judge that died (resumed here), whose
    // clusters are orphans now; none may outlive the teardown asked for.
    if (!deployed) return void (await sweepOrphans(this.rootDir, this.cgroups));
    this.clusters.delete(clusterId);
    if (this.clusters.size === 0) process.off("exit", this.onExit);
    await Promise.all(deployed.agents.map((agent) => stopAgent(agent)));
    for (const agent of deployed.agents) {
      killNodeGroup(agent.dir);
      agent.control.close();
    }
    await Promise.all(deployed.forwarders.map((f) => f.close()));
    await removeCluster(this.rootDir, deployed.key, this.cgroups);
  }

  /** Tears down every cluster this instance deployed. */
  async teardownAll(): Promise<void> {
    await Promise.all([...this.clusters.keys()].map((id) => this.teardown(id)));
  }

  private startAgent(
    spec: ClusterSpec,
    deployed: Deployed,
    sandbox: ClusterSandbox,
    node: NodePorts,
    agentFile: string,
  ): AgentProcess {
    const dir = join(deployed.dir, node.id);
    const dataDir = join(dir, "data");
    const cwd = resolve(spec.command.cwd);
    const own = sandbox.nodes.get(node.id) as NodeSandbox;
    const config: AgentConfigInput = {
      nodeId: node.id,
      clusterSize: spec.nodeCount,
      // No TCP ingress: the node shares this namespace and must find only its egress there.
      ingressSocket: join(dir, CONTROL_SOCKET),
      clientSocket: join(dir, CLIENT_SOCKET),
      controlOnTcp: false,
      peerSockets: Object.fromEntries(
        [...node.egress.keys()].map((peer) => [peer, join(dir, peerSocketName(peer))]),
      ),
      node: { host: "127.0.0.1", port: node.node },
      // Each peer is dialled at the socket its agent keeps for this node: it knows the caller
      // by the socket, never by anything the node could write.
      peers: [...node.egress].map(([peer, egressPort]) => ({
        id: peer,
        egressPort,
        agentAddress: `unix:${join(deployed.dir, peer, peerSocketName(node.id))}`,
      })),
      command: { argv: spec.command.argv, cwd, env: spec.command.env ?? {} },
      dataDir,
      protoPath: spec.protoPath ? resolve(spec.protoPath) : undefined,
      parentPid: process.pid,
      nodePidFile: join(dir, "node.pid"),
      faketimePath: sandbox.faketimePath ?? undefined,
      sandbox: { ...own.config, prefix: own.prefix({ argv: spec.command.argv, cwd }) },
    };
    const configFile = join(dir, "agent.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const logFd = openSync(join(dir, "agent.log"), "a");
    const argv = [...own.agentPrefix, process.execPath, agentFile, "--config", configFile];
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
    const control = new ControlClient(`unix:${join(dir, CONTROL_SOCKET)}`);
    return { id: node.id, dir, child, exited, control };
  }

  /** The judge's clients reach a node through a loopback port piped to its agent's socket. */
  private async endpoint(deployed: Deployed, agent: AgentProcess): Promise<NodeEndpoint> {
    const forwarder = await forwardTcpToUnix(join(agent.dir, CLIENT_SOCKET));
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
      this.cgroups.killProcesses(deployed.key);
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
