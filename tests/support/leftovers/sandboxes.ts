// The network namespaces and cgroup folders a local cluster makes, found the way a person
// would (`ip netns list`, /sys/fs/cgroup/*/clusterjudge*/), with the processes inside them.
// Their names start with the pid of the process that deployed the cluster:
// cj-<pid>-<cluster>-<hash> (shared/adapters/local/cluster/layout.ts).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { listPids, netnsOf } from "./proc.ts";

const NETNS_DIR = "/run/netns";
const CGROUP_ROOT = "/sys/fs/cgroup";
const CGROUP_FOLDER_PREFIX = "clusterjudge";
const IP_TIMEOUT_MS = 5_000;

/** The pid a cluster's name starts with, or null for a name a local cluster did not make. */
export function ownerPid(name: string): number | null {
  const match = /^cj-(\d+)-/.exec(basename(name));
  return match ? Number(match[1]) : null;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** Names of the machine's named network namespaces. */
export function netnsNames(): string[] {
  try {
    return readdirSync(NETNS_DIR);
  } catch {
    return [];
  }
}

/** Each cluster's cgroup folder, under every hierarchy: /sys/fs/cgroup/pids/clusterjudge/<key>. */
export function clusterCgroups(): string[] {
  const tops = [CGROUP_ROOT, ...subfolders(CGROUP_ROOT)].flatMap((dir) =>
    subfolders(dir).filter((d) => basename(d).startsWith(CGROUP_FOLDER_PREFIX)),
  );
  return tops.flatMap(subfolders);
}

/** Pids in a cgroup folder and every folder under it. */
export function cgroupPids(dir: string): number[] {
  let pids: number[] = [];
  try {
    pids = readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    // removed meanwhile
  }
  return [...pids, ...subfolders(dir).flatMap(cgroupPids)];
}

/** Pids of the processes inside a named network namespace. */
export function netnsPids(name: string): number[] {
  let inode: number;
  try {
    inode = statSync(join(NETNS_DIR, name)).ino;
  } catch {
    return [];
  }
  return listPids().filter((pid) => netnsOf(pid) === `net:[${inode}]`);
}

export function deleteNetns(name: string): void {
  try {
    execFileSync("ip", ["netns", "delete", name], { timeout: IP_TIMEOUT_MS, stdio: "ignore" });
  } catch {
    // already gone, or not ours to delete: the report named it
  }
}

/** Removes a cgroup folder, deepest first; false while a process in it is not yet reaped. */
export function removeCgroup(dir: string): boolean {
  const removedBelow = subfolders(dir).every(removeCgroup);
  try {
    rmdirSync(dir);
    return removedBelow;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT";
  }
}
