// Where a local cluster keeps its things, and the sweep of what a killed judge left: every
// name starts with the judge's pid, so a name whose pid is dead belongs to nobody.
import { createHash } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CgroupTree } from "./cgroups.ts";
import { unmountUnder } from "./mounts.ts";
import { deleteNetns, listNetns } from "./netns.ts";

/** Prefix of every cluster key: folders, cgroups and namespaces. */
const KEY_PREFIX = "cj-";
const SLUG_CHARS_MAX = 24;

/** The clusters' root folder's name in the temporary folder. */
export const CLUSTERS_FOLDER = "clusterjudge-clusters";

export function defaultRootDir(): string {
  return join(tmpdir(), CLUSTERS_FOLDER);
}

/** A short name, unique per judge process and cluster id, safe for files and `ip netns`. */
export function clusterKey(clusterId: string, pid: number = process.pid): string {
  const slug = clusterId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, SLUG_CHARS_MAX);
  const hash = createHash("sha256").update(clusterId).digest("hex").slice(0, 8);
  return `${KEY_PREFIX}${pid}-${slug}-${hash}`;
}

function ownerPid(key: string): number | null {
  const match = /^cj-(\d+)-/.exec(key);
  return match ? Number(match[1]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes clusters whose judge is dead. Returns the keys it swept. */
export async function sweepOrphans(
  rootDir: string,
  tree: CgroupTree = new CgroupTree(),
): Promise<string[]> {
  const keys = new Set<string>([...tree.keys(), ...listNetns(KEY_PREFIX)]);
  try {
    for (const name of readdirSync(rootDir)) keys.add(name);
  } catch {
    // no root folder yet
  }
  const orphans = [...keys].filter((key) => {
    const pid = ownerPid(key);
    return pid !== null && pid !== process.pid && !alive(pid);
  });
  for (const key of orphans) await removeCluster(rootDir, key, tree);
  return orphans;
}

/**
 * Removes what a cluster (or one of its node namespaces, named `<key>-<node>`) left: its
 * processes, cgroups, mounts, namespaces and folder. Safe to repeat.
 */
export async function removeCluster(rootDir: string, key: string, tree: CgroupTree): Promise<void> {
  await removeCgroups(key, tree);
  const dir = join(rootDir, key);
  await unmountUnder(dir);
  for (const name of [key, ...listNetns(`${key}-`)]) await deleteNetns(name);
  rmSync(dir, { recursive: true, force: true });
}

/** Kills every process in the cgroups of `key` and removes them (a cluster's, or a build's). */
export async function removeCgroups(key: string, tree: CgroupTree): Promise<void> {
  tree.killProcesses(key);
  for (let attempt = 0; attempt < 40 && tree.remove(key).length > 0; attempt++) {
    // A cgroup goes only once its last process has been reaped.
    tree.killProcesses(key);
    await new Promise((r) => setTimeout(r, 50));
  }
}
