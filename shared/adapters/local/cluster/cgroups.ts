// The cgroups of a cluster: per node a folder for the node (512 MiB, one core, 512 tasks)
// and one for its agent (its own, wider bounds), on cgroup v1 (one tree per controller) or
// v2 (one tree, controllers enabled down the path). Each controller is one step, applied
// for every node and agent or reported with the reason. The root is a parameter so the v2
// logic can run against a fake tree where the machine has no v2 controllers.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { SandboxStep } from "../../../ports/cluster.ts";
import {
  AGENT_CPU_QUOTA_US,
  AGENT_MEMORY_BYTES,
  AGENT_TASKS_MAX,
  NODE_CPU_PERIOD_US,
  NODE_CPU_QUOTA_US,
  NODE_MEMORY_BYTES,
  NODE_TASKS_MAX,
} from "./limits.ts";

export const DEFAULT_CGROUP_ROOT = "/sys/fs/cgroup";
const OWN_FOLDER = "clusterjudge";
const AGENT_PREFIX = "agent-";

export type Controller = "memory" | "cpu" | "pids";
const CONTROLLERS: Controller[] = ["memory", "cpu", "pids"];

interface Bounds {
  memoryBytes: number;
  cpuQuotaUs: number;
  tasks: number;
}
const NODE: Bounds = {
  memoryBytes: NODE_MEMORY_BYTES,
  cpuQuotaUs: NODE_CPU_QUOTA_US,
  tasks: NODE_TASKS_MAX,
};
const AGENT: Bounds = {
  memoryBytes: AGENT_MEMORY_BYTES,
  cpuQuotaUs: AGENT_CPU_QUOTA_US,
  tasks: AGENT_TASKS_MAX,
};
const MIB = 2 ** 20;

/** The step each controller is reported as. */
export const CGROUP_STEPS: Record<Controller, string> = {
  memory: `memory cgroup ${NODE_MEMORY_BYTES / MIB} MiB (agent ${AGENT_MEMORY_BYTES / MIB} MiB)`,
  cpu: `cpu cgroup ${NODE_CPU_QUOTA_US / NODE_CPU_PERIOD_US} core (agent ${AGENT_CPU_QUOTA_US / NODE_CPU_PERIOD_US})`,
  pids: `pids cgroup ${NODE_TASKS_MAX} tasks (agent ${AGENT_TASKS_MAX})`,
};

/** Files to write in one folder for one controller, in order. */
function limitFiles(
  version: 1 | 2,
  controller: Controller,
  dir: string,
  b: Bounds,
  isNode: boolean,
): [file: string, value: string][] {
  const optional = (file: string, value: string): [string, string][] =>
    existsSync(join(dir, file)) ? [[file, value]] : [];
  if (version === 1) {
    switch (controller) {
      case "memory":
        // With swap accounting, swap counts too: the node cannot page its way past the limit.
        return [
          ["memory.limit_in_bytes", String(b.memoryBytes)],
          ...optional("memory.memsw.limit_in_bytes", String(b.memoryBytes)),
        ];
      case "cpu":
        return [
          ["cpu.cfs_period_us", String(NODE_CPU_PERIOD_US)],
          ["cpu.cfs_quota_us", String(b.cpuQuotaUs)],
        ];
      case "pids":
        return [["pids.max", String(b.tasks)]];
    }
  }
  switch (controller) {
    case "memory":
      return [
        ["memory.max", String(b.memoryBytes)],
        ...optional("memory.swap.max", "0"),
        // The OOM killer takes the whole node, not one of its processes.
        ...(isNode ? optional("memory.oom.group", "1") : []),
      ];
    case "cpu":
      return [["cpu.max", `${b.cpuQuotaUs} ${NODE_CPU_PERIOD_US}`]];
    case "pids":
      return [["pids.max", String(b.tasks)]];
  }
}

/** The folders one process (a node, or its agent) joins, and where its events are read. */
export interface Membership {
  /** cgroup.procs files to write its pid to: one per v1 controller, one on v2. */
  procsFiles: string[];
  memoryDir: string | undefined;
  pidsDir: string | undefined;
}

export interface ClusterCgroups {
  version: 1 | 2;
  steps: SandboxStep[];
  nodes: Map<string, Membership>;
  agents: Map<string, Membership>;
}

export function agentCgroupName(nodeId: string): string {
  return `${AGENT_PREFIX}${nodeId}`;
}

/** One machine's cgroup file system: v1 when a controller has its own tree, else v2. */
export class CgroupTree {
  readonly version: 1 | 2;

  constructor(readonly root: string = DEFAULT_CGROUP_ROOT) {
    this.version = existsSync(join(root, "cgroup.controllers")) ? 2 : 1;
  }

  /** The cluster's folder (v2), or its folder under one controller (v1). */
  clusterDir(key: string, controller?: Controller): string {
    return this.version === 2
      ? join(this.root, OWN_FOLDER, key)
      : join(this.root, controller ?? "memory", OWN_FOLDER, key);
  }

  /**
   * Makes every node's and agent's folders; one step per controller, applied or why not.
   * A build tool (shared/toolchains) takes a node's bounds only: `controllers`, no agents,
   * and its own memory bound when it has one.
   */
  make(
    key: string,
    nodeIds: string[],
    opts: { controllers?: Controller[]; agents?: boolean; memoryBytes?: number } = {},
  ): ClusterCgroups {
    const controllers = opts.controllers ?? CONTROLLERS;
    const node = { ...NODE, memoryBytes: opts.memoryBytes ?? NODE.memoryBytes };
    const withAgents = opts.agents ?? true;
    const names = nodeIds.flatMap((id) => (withAgents ? [id, agentCgroupName(id)] : [id]));
    const members = new Map<string, Membership>(
      names.map((n) => [n, { procsFiles: [], memoryDir: undefined, pidsDir: undefined }]),
    );
    const steps =
      this.version === 2
        ? this.makeV2(key, names, members, controllers, node)
        : this.makeV1(key, names, members, controllers, node);
    const pick = (ids: string[]) =>
      new Map(ids.map((id, i) => [nodeIds[i] as string, members.get(id) as Membership]));
    return {
      version: this.version,
      steps,
      nodes: pick(nodeIds),
      agents: withAgents ? pick(nodeIds.map(agentCgroupName)) : new Map(),
    };
  }

  private makeV1(
    key: string,
    names: string[],
    members: Map<string, Membership>,
    controllers: Controller[],
    node: Bounds,
  ): SandboxStep[] {
    const steps: SandboxStep[] = [];
    for (const controller of controllers) {
      const step = CGROUP_STEPS[controller];
      const base = join(this.root, controller);
      if (!existsSync(join(base, "cgroup.procs"))) {
        steps.push({
          step,
          applied: false,
          detail: `no cgroup v1 ${controller} controller at ${base}`,
        });
        continue;
      }
      const clusterDir = this.clusterDir(key, controller);
      try {
        for (const name of names) {
          const dir = join(clusterDir, name);
          mkdirSync(dir, { recursive: true });
          this.writeLimits(controller, dir, name, node);
        }
        for (const name of names) this.addMember(members, name, controller, join(clusterDir, name));
        steps.push({ step, applied: true, detail: `cgroup v1 ${clusterDir}/<node>` });
      } catch (err) {
        removeFolder(clusterDir);
        steps.push({ step, applied: false, detail: `cannot set it up: ${(err as Error).message}` });
      }
    }
    return steps;
  }

  private makeV2(
    key: string,
    names: string[],
    members: Map<string, Membership>,
    controllers: Controller[],
    node: Bounds,
  ): SandboxStep[] {
    const available = readWords(join(this.root, "cgroup.controllers"));
    const own = join(this.root, OWN_FOLDER);
    const clusterDir = this.clusterDir(key);
    // Every level above the leaves delegates the controllers; processes live in leaves only.
    const levels = [this.root, own, clusterDir];
    let made: string | null = null;
    try {
      for (const name of names) mkdirSync(join(clusterDir, name), { recursive: true });
      for (const name of names) {
        const member = members.get(name) as Membership;
        member.procsFiles.push(join(clusterDir, name, "cgroup.procs"));
      }
    } catch (err) {
      made = `cannot make ${clusterDir}: ${(err as Error).message}`;
      for (const member of members.values()) member.procsFiles = [];
    }
    const steps: SandboxStep[] = [];
    for (const controller of controllers) {
      const step = CGROUP_STEPS[controller];
      if (made) {
        steps.push({ step, applied: false, detail: made });
        continue;
      }
      if (!available.includes(controller)) {
        steps.push({
          step,
          applied: false,
          detail: `cgroup v2 at ${this.root} has no ${controller} controller (cgroup.controllers: ${available.join(" ") || "empty"})`,
        });
        continue;
      }
      try {
        for (const level of levels) enableController(level, controller);
        for (const name of names) this.writeLimits(controller, join(clusterDir, name), name, node);
        for (const name of names) this.addMember(members, name, controller, join(clusterDir, name));
        steps.push({ step, applied: true, detail: `cgroup v2 ${clusterDir}/<node>` });
      } catch (err) {
        steps.push({ step, applied: false, detail: `cannot set it up: ${(err as Error).message}` });
      }
    }
    return steps;
  }

  private writeLimits(controller: Controller, dir: string, name: string, node: Bounds): void {
    const isNode = !name.startsWith(AGENT_PREFIX);
    for (const [file, value] of limitFiles(
      this.version,
      controller,
      dir,
      isNode ? node : AGENT,
      isNode,
    )) {
      writeFileSync(join(dir, file), value);
    }
  }

  private addMember(
    members: Map<string, Membership>,
    name: string,
    controller: Controller,
    dir: string,
  ): void {
    const member = members.get(name) as Membership;
    if (this.version === 1) member.procsFiles.push(join(dir, "cgroup.procs"));
    if (controller === "memory") member.memoryDir = dir;
    if (controller === "pids") member.pidsDir = dir;
  }

  /** Kills every process left in the cluster's cgroups (one may have left its group). */
  killProcesses(key: string): void {
    for (const clusterDir of this.clusterDirs(key)) {
      if (!existsSync(clusterDir)) continue;
      // v2 (5.14+): one write kills the whole subtree, new forks included.
      const kill = join(clusterDir, "cgroup.kill");
      if (this.version === 2 && existsSync(kill)) {
        try {
          writeFileSync(kill, "1");
        } catch {
          // fall back to signalling each pid
        }
      }
      for (const entry of readdirSync(clusterDir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        for (const pid of readPids(join(clusterDir, entry.name, "cgroup.procs"))) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    }
  }

  /** Removes the cluster's folders; returns those still held by dying processes. */
  remove(key: string): string[] {
    return this.clusterDirs(key).filter((dir) => !removeFolder(dir));
  }

  /** Cluster keys that have cgroup folders (for sweeping what a dead judge left). */
  keys(): string[] {
    const keys = new Set<string>();
    const owns =
      this.version === 2
        ? [join(this.root, OWN_FOLDER)]
        : CONTROLLERS.map((c) => join(this.root, c, OWN_FOLDER));
    for (const dir of owns) {
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) keys.add(entry.name);
      }
    }
    return [...keys];
  }

  private clusterDirs(key: string): string[] {
    return this.version === 2
      ? [this.clusterDir(key)]
      : CONTROLLERS.map((c) => this.clusterDir(key, c));
  }
}

function enableController(dir: string, controller: Controller): void {
  const file = join(dir, "cgroup.subtree_control");
  const enabled = readWords(file).map((w) => w.replace(/^\+/, ""));
  if (enabled.includes(controller)) return;
  // Naming the ones already on again changes nothing in the kernel, and keeps a plain file
  // (a fake tree) telling the whole set.
  const value = [...enabled, controller].map((c) => `+${c}`).join(" ");
  try {
    writeFileSync(file, value);
  } catch (err) {
    throw new Error(`cannot enable ${controller} in ${file}: ${(err as Error).message}`);
  }
}

function readWords(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/** rmdir of each member folder, then the cluster's; false when one is still busy. */
function removeFolder(dir: string): boolean {
  if (!existsSync(dir)) return true;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) rmdirSync(join(dir, entry.name));
    }
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

function readPids(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
