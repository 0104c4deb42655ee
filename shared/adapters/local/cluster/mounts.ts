// A node's DATA_DIR is a tmpfs of its own, mounted by the judge: its size is the node's disk
// bound, it belongs to the node's uid, it outlives the node's restarts (not the cluster), and
// a hard link out of it fails (EXDEV). Teardown and the sweep unmount whatever is left under
// a cluster's folder.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const MOUNT_TIMEOUT_MS = 5_000;

export async function mountTmpfs(
  dir: string,
  bytes: number,
  owner: { uid: number; gid: number },
): Promise<void> {
  const options = [
    `size=${bytes}`,
    `uid=${owner.uid}`,
    `gid=${owner.gid}`,
    "mode=0700",
    "nosuid",
    "nodev",
    "noexec",
  ].join(",");
  await run("mount", ["-t", "tmpfs", "-o", options, "clusterjudge-data", dir], {
    timeout: MOUNT_TIMEOUT_MS,
  });
}

/** Mount points at or under `dir`, deepest first (from this process's mount table). */
export function mountsUnder(dir: string): string[] {
  const root = resolve(dir);
  let table: string;
  try {
    table = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  const points = table
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((p): p is string => p !== undefined)
    // mountinfo escapes space, tab, newline and backslash as octal.
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p === root || p.startsWith(root + sep));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Unmounts everything at or under `dir` (lazily when busy: nothing may hold it after). */
export async function unmountUnder(dir: string): Promise<void> {
  for (const point of mountsUnder(dir)) {
    await run("umount", [point], { timeout: MOUNT_TIMEOUT_MS }).catch(() =>
      run("umount", ["-l", point], { timeout: MOUNT_TIMEOUT_MS }).catch(() => undefined),
    );
  }
}
