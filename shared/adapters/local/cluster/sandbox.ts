// What the local cluster does to confine its nodes, each step tried and reported (applied,
// or why not): cgroups for nodes and agents, a network namespace per node, bubblewrap's
// namespaces and file system view, an unprivileged uid with no capabilities, a seccomp
// filter, a bounded DATA_DIR, the parent-death signal, and faketime. Every step but faketime
// is required: the caller fails the deploy when one is missing (sandbox-steps.ts).
import { chownSync } from "node:fs";
import type { SandboxStep } from "../../../ports/cluster.ts";
import type { AgentConfig } from "../../../agent/config.ts";
import { CGROUP_STEPS, CgroupTree, type Membership } from "./cgroups.ts";
import { bwrapArgs, passwdFiles } from "./bwrap-view.ts";
import {
  NODE_DATA_DIR_BYTES,
  NODE_MEMORY_BYTES,
  NODE_TASKS_MAX,
  NODE_TMP_BYTES,
} from "./limits.ts";
import { mountTmpfs } from "./mounts.ts";
import { createNetns, netnsPath } from "./netns.ts";
import { encodeProgram, refusedSyscalls, seccompProgram, syscallTable } from "./seccomp.ts";
import { SYSCALL_TABLES } from "./syscall-tables.ts";
import { STEP, TURNED_OFF } from "./sandbox-steps.ts";
import { probeTools } from "./tools.ts";
import { nodeUid } from "./uids.ts";

export interface SandboxNode {
  id: string;
  /** The node's folder in the cluster's (agent.json, sockets, passwd ...). */
  dir: string;
  dataDir: string;
}

/** Steps a caller may turn off (to run where they misbehave, or to test the fallbacks). */
export interface SandboxSwitches {
  cgroups?: boolean;
  networkNamespace?: boolean;
  bubblewrap?: boolean;
}

export interface SandboxOptions {
  disable?: SandboxSwitches;
  /** The cgroup file system's root (a fake tree in tests); default /sys/fs/cgroup. */
  cgroupRoot?: string;
}

export interface NodeSandbox {
  /** argv before the agent's command: join its cgroups, enter the node's namespace. */
  agentPrefix: string[];
  /** The agent's sandbox section, without the node's command-specific bwrap view. */
  config: Omit<AgentConfig["sandbox"], "prefix">;
  /** The prefix for the node's command (its view binds the command's own files). */
  prefix(command: { argv: string[]; cwd: string }): string[];
}

export interface ClusterSandbox {
  steps: SandboxStep[];
  /** Each node in a network namespace of its own. */
  ownNamespaces: boolean;
  faketimePath: string | null;
  nodes: Map<string, NodeSandbox>;
}

/** The namespace of one node of the cluster `key`. */
export function nodeNetnsName(key: string, nodeId: string): string {
  return `${key}-${nodeId}`;
}

/** Sets up what it can for the cluster `key` and reports every step. */
export async function prepareSandbox(
  key: string,
  nodes: SandboxNode[],
  options: SandboxOptions = {},
): Promise<ClusterSandbox> {
  const off = options.disable ?? {};
  const found = await probeTools();
  const ids = nodes.map((n) => n.id);
  const steps: SandboxStep[] = [];

  const tree = new CgroupTree(options.cgroupRoot);
  const cgroups = off.cgroups ? null : tree.make(key, ids);
  if (cgroups) steps.push(...cgroups.steps);
  else {
    for (const step of Object.values(CGROUP_STEPS)) {
      steps.push({ step, applied: false, detail: TURNED_OFF });
    }
  }
  const memoryOn = cgroups?.steps.some((s) => s.step.startsWith("memory") && s.applied) ?? false;
  const pidsOn = cgroups?.steps.some((s) => s.step.startsWith("pids") && s.applied) ?? false;

  const ownNamespaces = await makeNamespaces(key, ids, off, found.nsenter, steps);

  const bwrap = off.bubblewrap ? null : found.bwrap.path;
  const bwrapDetail = off.bubblewrap ? TURNED_OFF : found.bwrap.detail;
  steps.push({ step: STEP.namespaces, applied: bwrap !== null, detail: bwrapDetail });
  steps.push({
    step: STEP.view,
    applied: bwrap !== null,
    detail: bwrap ? `${bwrapDetail}; /tmp ${NODE_TMP_BYTES / 2 ** 20} MiB` : bwrapDetail,
  });

  const program = seccompProgram();
  const seccomp =
    bwrap && program && found.seccomp.works ? encodeProgram(program).toString("base64") : null;
  steps.push({
    step: STEP.seccomp,
    applied: seccomp !== null,
    detail: seccomp
      ? `${syscallTable()?.name} table; refused: ${refusedSyscalls().join(", ")}; clone3, io_uring: ENOSYS; other ABIs killed`
      : !bwrap
        ? "needs bubblewrap (it loads the filter)"
        : !program
          ? `no system call table for ${process.arch} (there are tables for ${Object.keys(SYSCALL_TABLES).join(", ")})`
          : found.seccomp.detail,
  });

  const setpriv = found.setprivDrop.path;
  steps.push({
    step: STEP.user,
    applied: setpriv !== null,
    detail: setpriv
      ? `uid = gid = ${nodeUid(key, 0)} + node index; capability sets empty; no_new_privs (${setpriv})`
      : found.setprivDrop.detail,
  });

  const dataDirs = await mountDataDirs(key, nodes, steps);

  steps.push({
    step: STEP.death,
    applied: found.setpriv.path !== null,
    detail: found.setpriv.detail,
  });
  steps.push({
    step: STEP.faketime,
    applied: found.faketime !== null,
    detail: found.faketime ?? "faketime is not installed: start({ skewMs }) is refused",
  });

  const perNode = new Map<string, NodeSandbox>();
  nodes.forEach((node, index) => {
    const uid = nodeUid(key, index);
    const members = cgroups?.nodes.get(node.id);
    const agentMembers = cgroups?.agents.get(node.id);
    const files = bwrap ? passwdFiles(node.dir, node.id, uid) : null;
    const agentPrefix = [
      ...joinCgroups(agentMembers),
      ...(ownNamespaces && found.nsenter
        ? [found.nsenter, `--net=${netnsPath(nodeNetnsName(key, node.id))}`, "--"]
        : []),
    ];
    perNode.set(node.id, {
      agentPrefix,
      config: {
        cgroupProcsFiles: members?.procsFiles ?? [],
        cgroupVersion: tree.version,
        ...(memoryOn && members?.memoryDir
          ? { memoryCgroupDir: members.memoryDir, memoryLimitBytes: NODE_MEMORY_BYTES }
          : {}),
        ...(pidsOn && members?.pidsDir
          ? { pidsCgroupDir: members.pidsDir, pidsLimit: NODE_TASKS_MAX }
          : {}),
        ...(dataDirs ? { dataDirLimitBytes: NODE_DATA_DIR_BYTES } : {}),
        ...(seccomp ? { seccompFd3: seccomp } : {}),
      },
      prefix: (command) => {
        const prefix: string[] = [];
        if (found.setpriv.path) prefix.push(found.setpriv.path, "--pdeathsig", "KILL", "--");
        if (bwrap && files) {
          prefix.push(
            bwrap,
            ...bwrapArgs({ nodeId: node.id, dataDir: node.dataDir, ...command, ...files }),
          );
          if (seccomp) prefix.push("--seccomp", "3");
          prefix.push("--");
        }
        if (setpriv) prefix.push(...dropPrivileges(setpriv, uid));
        return prefix;
      },
    });
  });
  return { steps, ownNamespaces, faketimePath: found.faketime, nodes: perNode };
}

/**
 * setpriv's part: the node's uid and gid, no groups, every capability set empty; then env
 * takes out the PWD that bwrap sets, so the node's environment is the contract's alone.
 */
export function dropPrivileges(setpriv: string, uid: number): string[] {
  return [
    setpriv,
    `--reuid=${uid}`,
    `--regid=${uid}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--",
    "/usr/bin/env",
    "-u",
    "PWD",
    "--",
  ];
}

/**
 * A shell that moves itself into the cgroups (and, for a build tool without a memory cgroup,
 * bounds its address space), then execs: limited from the first instruction.
 */
export function joinCgroups(members: Membership | undefined, addressSpaceBytes?: number): string[] {
  const files = members?.procsFiles ?? [];
  const steps = files.map((f) => `echo $$ > '${f.replaceAll("'", `'\\''`)}'`);
  if (addressSpaceBytes !== undefined)
    steps.push(`ulimit -v ${Math.floor(addressSpaceBytes / 1024)}`);
  if (steps.length === 0) return [];
  return ["/bin/sh", "-c", `${steps.join(" && ")} && exec "$@"`, "sh"];
}

async function makeNamespaces(
  key: string,
  ids: string[],
  off: SandboxSwitches,
  nsenter: string | null,
  steps: SandboxStep[],
): Promise<boolean> {
  const step = STEP.network;
  if (off.networkNamespace) {
    steps.push({ step, applied: false, detail: TURNED_OFF });
    return false;
  }
  if (!nsenter) {
    steps.push({ step, applied: false, detail: "nsenter is not installed" });
    return false;
  }
  try {
    for (const id of ids) await createNetns(nodeNetnsName(key, id));
    steps.push({
      step,
      applied: true,
      detail: `ip netns ${nodeNetnsName(key, "<node>")}, loopback only; peers and the judge over unix sockets`,
    });
    return true;
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    steps.push({ step, applied: false, detail: `ip netns add failed: ${detail}` });
    return false;
  }
}

async function mountDataDirs(
  key: string,
  nodes: SandboxNode[],
  steps: SandboxStep[],
): Promise<boolean> {
  // Without its own file system the folder still belongs to the node's uid (when the judge
  // may give it away: not as a plain user, opted out of the sandbox).
  for (const [index, node] of nodes.entries()) {
    try {
      chownSync(node.dataDir, nodeUid(key, index), nodeUid(key, index));
    } catch {
      // the DATA_DIR step below reports what could not be done
    }
  }
  try {
    for (const [index, node] of nodes.entries()) {
      const uid = nodeUid(key, index);
      await mountTmpfs(node.dataDir, NODE_DATA_DIR_BYTES, { uid, gid: uid });
    }
    steps.push({
      step: STEP.dataDir,
      applied: true,
      detail: "a tmpfs per node, owned by its uid; counts toward its memory",
    });
    return true;
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    steps.push({ step: STEP.dataDir, applied: false, detail: `mount failed: ${detail}` });
    return false;
  }
}
