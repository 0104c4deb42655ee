// cgroup v1 folders for one node: memory (512 MiB, killed beyond), cpu (one core) and pids.
// Each controller is tried on its own, so a machine with only some still gets those.
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
  NODE_CPU_PERIOD_US,
  NODE_CPU_QUOTA_US,
  NODE_MEMORY_BYTES,
  NODE_TASKS_MAX,
} from "./limits.ts";

const ROOT = "/sys/fs/cgroup";
const OWN_FOLDER = "clusterjudge";

type Controller = "memory" | "cpu" | "pids";

interface ControllerPlan {
  controller: Controller;
  step: string;
  /** Files to write in the node's folder, in order. */
  limits: (dir: string) => [file: string, value: string][];
}

const PLANS: ControllerPlan[] = [
  {
    controller: "memory",
    step: `memory cgroup ${NODE_MEMORY_BYTES / 2 ** 20} MiB`,
    limits: (dir) => [
      ["memory.limit_in_bytes", String(NODE_MEMORY_BYTES)],
      // With swap accounting, swap counts too: the node cannot page its way past the limit.
      ...(existsSync(join(dir, "memory.memsw.limit_in_bytes"))
        ? [["memory.memsw.limit_in_bytes", String(NODE_MEMORY_BYTES)] as [string, string]]
        : []),
    ],
  },
  {
    controller: "cpu",
    step: `cpu cgroup ${NODE_CPU_QUOTA_US / NODE_CPU_PERIOD_US} core`,
    limits: () => [
      ["cpu.cfs_period_us", String(NODE_CPU_PERIOD_US)],
      ["cpu.cfs_quota_us", String(NODE_CPU_QUOTA_US)],
    ],
  },
  {
    controller: "pids",
    step: `pids cgroup ${NODE_TASKS_MAX} tasks`,
    limits: () => [["pids.max", String(NODE_TASKS_MAX)]],
  },
];

export interface NodeCgroups {
  /** cgroup.procs of every folder made: the node's process joins them all. */
  procsFiles: string[];
  memoryDir: string | undefined;
}

/** The cluster's folder under one controller; `key` names the cluster. */
export function clusterCgroupDir(controller: Controller, key: string): string {
  return join(ROOT, controller, OWN_FOLDER, key);
}

/** Makes every node's folders; reports one step per controller, applied or why not. */
export function makeCgroups(
  key: string,
  nodeIds: string[],
): { steps: SandboxStep[]; nodes: Map<string, NodeCgroups> } {
  const nodes = new Map<string, NodeCgroups>(
    nodeIds.map((id) => [id, { procsFiles: [], memoryDir: undefined }]),
  );
  const steps: SandboxStep[] = [];
  for (const plan of PLANS) {
    const base = join(ROOT, plan.controller);
    if (!existsSync(join(base, "cgroup.procs"))) {
      const v2 = existsSync(join(ROOT, "cgroup.controllers"));
      const why = v2
        ? "the machine has cgroup v2; only v1 is supported"
        : `no cgroup v1 ${plan.controller} controller at ${base}`;
      steps.push({ step: plan.step, applied: false, detail: why });
      continue;
    }
    try {
      for (const id of nodeIds) {
        const dir = join(clusterCgroupDir(plan.controller, key), id);
        mkdirSync(dir, { recursive: true });
        for (const [file, value] of plan.limits(dir)) writeFileSync(join(dir, file), value);
        const node = nodes.get(id) as NodeCgroups;
        node.procsFiles.push(join(dir, "cgroup.procs"));
        if (plan.controller === "memory") node.memoryDir = dir;
      }
      steps.push({
        step: plan.step,
        applied: true,
        detail: `${clusterCgroupDir(plan.controller, key)}/<node>`,
      });
    } catch (err) {
      removeClusterCgroup(plan.controller, key);
      for (const node of nodes.values()) {
        node.procsFiles = node.procsFiles.filter((f) => !f.startsWith(base));
        if (plan.controller === "memory") node.memoryDir = undefined;
      }
      steps.push({
        step: plan.step,
        applied: false,
        detail: `cannot set it up: ${(err as Error).message}`,
      });
    }
  }
  return { steps, nodes };
}

/** Kills every process left in the cluster's cgroups (one may have left the process group). */
export function killCgroupProcesses(key: string): void {
  for (const { controller } of PLANS) {
    const dir = clusterCgroupDir(controller, key);
    if (!existsSync(dir)) continue;
    for (const node of readdirSync(dir, { withFileTypes: true })) {
      if (!node.isDirectory()) continue;
      for (const pid of readPids(join(dir, node.name, "cgroup.procs"))) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  }
}

/** Removes the cluster's folders; a folder with processes still dying is left (and said). */
export function removeCgroups(key: string): string[] {
  const left: string[] = [];
  for (const { controller } of PLANS) {
    if (!removeClusterCgroup(controller, key)) left.push(clusterCgroupDir(controller, key));
  }
  return left;
}

/** Cluster keys that have cgroup folders (for sweeping what a dead judge left). */
export function cgroupKeys(): string[] {
  const keys = new Set<string>();
  for (const { controller } of PLANS) {
    const dir = join(ROOT, controller, OWN_FOLDER);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) keys.add(entry.name);
    }
  }
  return [...keys];
}

function removeClusterCgroup(controller: Controller, key: string): boolean {
  const dir = clusterCgroupDir(controller, key);
  if (!existsSync(dir)) return true;
  try {
    for (const node of readdirSync(dir, { withFileTypes: true })) {
      if (node.isDirectory()) rmdirSync(join(dir, node.name));
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
