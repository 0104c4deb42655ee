// What the machine lets the local cluster do to confine its nodes, each step tried and
// reported (applied, or why not): cgroups, a network namespace, bubblewrap, the
// parent-death signal, faketime. Nothing is skipped silently.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { SandboxStep } from "../../../ports/cluster.ts";
import type { AgentConfig } from "../../../agent/config.ts";
import { findOnPath } from "../../../agent/launch.ts";
import { makeCgroups, type NodeCgroups } from "./cgroups.ts";
import { createNetns, netnsPath } from "./netns.ts";
import { NODE_MEMORY_BYTES } from "./limits.ts";

const run = promisify(execFile);
const PROBE_TIMEOUT_MS = 5_000;

interface Tools {
  bwrap: { path: string | null; detail: string };
  setpriv: { path: string | null; detail: string };
  nsenter: string | null;
  faketime: string | null;
}

let tools: Promise<Tools> | null = null;

/** Whether a tool exists and does its job here, tried once per process. */
function probeTools(): Promise<Tools> {
  tools ??= (async () => {
    const bwrap = await tryTool("bwrap", [
      "--ro-bind",
      "/",
      "/",
      "--dev",
      "/dev",
      "--",
      "/bin/true",
    ]);
    const setpriv = await tryTool("setpriv", ["--pdeathsig", "KILL", "--", "/bin/true"]);
    return {
      bwrap,
      setpriv,
      nsenter: findOnPath("nsenter", process.env),
      faketime: findOnPath("faketime", process.env),
    };
  })();
  return tools;
}

async function tryTool(
  name: string,
  args: string[],
): Promise<{ path: string | null; detail: string }> {
  const path = findOnPath(name, process.env);
  if (!path) return { path: null, detail: `${name} is not installed` };
  try {
    await run(path, args, { timeout: PROBE_TIMEOUT_MS });
    return { path, detail: path };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    return {
      path: null,
      detail: `${name} does not work here: ${stderr || (err as Error).message}`,
    };
  }
}

export interface ClusterSandbox {
  steps: SandboxStep[];
  /** The cluster's network namespace, or null when the cluster shares the judge's. */
  netns: string | null;
  /** argv before the agent's command (enters the namespace). */
  agentPrefix: string[];
  faketimePath: string | null;
  /** The agent's sandbox section for one node. */
  nodeSandbox(nodeId: string, paths: NodePaths): AgentConfig["sandbox"];
}

export interface NodePaths {
  dataDir: string;
  cwd: string;
  argv: string[];
  /** The cluster's folder, hidden from the node except its DATA_DIR. */
  clusterDir: string;
}

/** Steps a caller may turn off (to run where they misbehave, or to test the fallbacks). */
export interface SandboxSwitches {
  cgroups?: boolean;
  networkNamespace?: boolean;
  bubblewrap?: boolean;
}

const TURNED_OFF = "turned off by the caller";

/** Sets up what it can for the cluster `key` and reports every step. */
export async function prepareSandbox(
  key: string,
  nodeIds: string[],
  off: SandboxSwitches = {},
): Promise<ClusterSandbox> {
  const found = await probeTools();
  const cgroups = off.cgroups
    ? {
        steps: [{ step: "cgroups", applied: false, detail: TURNED_OFF }],
        nodes: new Map<string, NodeCgroups>(),
      }
    : makeCgroups(key, nodeIds);
  const steps = [...cgroups.steps];

  let netns: string | null = null;
  const netnsStep = "network namespace per cluster (loopback only)";
  if (off.networkNamespace) {
    steps.push({ step: netnsStep, applied: false, detail: TURNED_OFF });
  } else if (!found.nsenter) {
    steps.push({ step: netnsStep, applied: false, detail: "nsenter is not installed" });
  } else {
    try {
      await createNetns(key);
      netns = key;
      steps.push({
        step: netnsStep,
        applied: true,
        detail: `ip netns ${key}; judge reaches agents by unix socket`,
      });
    } catch (err) {
      const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
      steps.push({ step: netnsStep, applied: false, detail: `ip netns add failed: ${detail}` });
    }
  }
  const fsStep = "bubblewrap file system (read-only root, private /tmp, DATA_DIR writable)";
  const bwrap = off.bubblewrap ? null : found.bwrap.path;
  steps.push({
    step: fsStep,
    applied: bwrap !== null,
    detail: off.bubblewrap ? TURNED_OFF : found.bwrap.detail,
  });
  const deathStep = "node killed when its agent dies (setpriv --pdeathsig)";
  steps.push({
    step: deathStep,
    applied: found.setpriv.path !== null,
    detail: found.setpriv.detail,
  });
  steps.push({
    step: "clock skew (faketime)",
    applied: found.faketime !== null,
    detail: found.faketime ?? "faketime is not installed: start({ skewMs }) is refused",
  });

  return {
    steps,
    netns,
    agentPrefix: netns && found.nsenter ? [found.nsenter, `--net=${netnsPath(netns)}`, "--"] : [],
    faketimePath: found.faketime,
    nodeSandbox: (nodeId, paths) => {
      const groups = cgroups.nodes.get(nodeId) ?? { procsFiles: [], memoryDir: undefined };
      const prefix: string[] = [];
      if (found.setpriv.path) prefix.push(found.setpriv.path, "--pdeathsig", "KILL", "--");
      if (bwrap) prefix.push(bwrap, ...bwrapArgs(paths), "--");
      return {
        cgroupProcsFiles: groups.procsFiles,
        memoryCgroupDir: groups.memoryDir,
        memoryLimitBytes: groups.memoryDir ? NODE_MEMORY_BYTES : undefined,
        prefix,
      };
    },
  };
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Read-only root, fresh /dev, an empty /tmp and an empty cluster folder, then the node's
 * own DATA_DIR (writable) and its code (read-only) bound back at their own paths.
 */
export function bwrapArgs(paths: NodePaths): string[] {
  const candidates = ["/tmp", resolve(tmpdir()), resolve(paths.clusterDir)].sort(
    (a, b) => a.length - b.length,
  );
  const hidden: string[] = [];
  for (const dir of candidates) if (!hidden.some((h) => isUnder(dir, h))) hidden.push(dir);
  const args = ["--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev"];
  for (const dir of hidden) args.push("--tmpfs", dir);
  const readOnly = [paths.cwd, ...paths.argv.filter((a) => isAbsolute(a) && existsSync(a))];
  for (const path of new Set(readOnly.map((p) => resolve(p)))) {
    if (hidden.some((h) => isUnder(path, h))) args.push("--ro-bind", path, path);
  }
  args.push("--bind", paths.dataDir, paths.dataDir);
  return args;
}
