// The node's own small file systems (/tmp and /dev/shm: tmpfs mounts bubblewrap makes in
// the node's mount namespace, fresh at each start) seen from the agent's side: through
// /proc/<pid>/root of a node process in that namespace. Each is held open once found, so
// the last look when the node exits still sees it (an open folder keeps its file system).
import {
  closeSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  statfsSync,
} from "node:fs";
import { NODE_MOUNT_LOOKS_MAX } from "./limits.ts";

/** statfs's f_type of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;

export interface MountUsage {
  /** The path inside the node's view: "/tmp". */
  path: string;
  sizeBytes: number;
  freeBytes: number;
}

/** The node's processes, host pids: from its cgroup, else its process group (`groupId`). */
function nodePids(groupId: number, procsFiles: readonly string[]): number[] {
  for (const file of procsFiles) {
    try {
      return readFileSync(file, "utf8").split("\n").filter(Boolean).map(Number);
    } catch {
      // not readable: the next controller's, or the process group
    }
  }
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid pgrp: the comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp === groupId) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** /proc/<pid>/root of a node process in a mount namespace other than the agent's. */
function foreignRoot(pids: readonly number[]): string | null {
  let own: string;
  try {
    own = readlinkSync("/proc/self/ns/mnt");
  } catch {
    return null;
  }
  const ownRoot = statSync("/").dev;
  for (const pid of pids) {
    try {
      const root = `/proc/${pid}/root`;
      // Its own namespace, and its view in place (until then its root is the machine's).
      if (readlinkSync(`/proc/${pid}/ns/mnt`) !== own && statSync(root).dev !== ownRoot) {
        return root;
      }
    } catch {
      // gone, or not ours to look at
    }
  }
  return null;
}

export class NodeMounts {
  private readonly held = new Map<string, number>();
  private looks = 0;
  private done = false;

  constructor(private readonly paths: readonly string[] = ["/tmp", "/dev/shm"]) {}

  /** Looks for the node's mounts until they are found; holds each tmpfs among them. */
  attach(groupId: number, procsFiles: readonly string[]): void {
    // Without a view of its own (no bubblewrap) the node has none: stop looking.
    if (this.done || this.looks >= NODE_MOUNT_LOOKS_MAX) return;
    this.looks += 1;
    const root = foreignRoot(nodePids(groupId, procsFiles));
    if (!root) return;
    this.close();
    for (const path of this.paths) {
      try {
        if (statfsSync(root + path).type !== TMPFS_MAGIC) continue;
        this.held.set(path, openSync(root + path, "r"));
      } catch {
        // not there (yet) in this view
      }
    }
    // A view still being made may lack some: look again, keeping what was found meanwhile.
    this.done = this.held.size === this.paths.length;
  }

  usage(): MountUsage[] {
    const usage: MountUsage[] = [];
    for (const [path, fd] of this.held) {
      try {
        const fs = statfsSync(`/proc/self/fd/${fd}`);
        usage.push({ path, sizeBytes: fs.blocks * fs.bsize, freeBytes: fs.bavail * fs.bsize });
      } catch {
        // the descriptor is gone: nothing to say
      }
    }
    return usage;
  }

  /** Lets the file systems go (they end with the node's namespace); the next start looks anew. */
  release(): void {
    this.close();
    this.looks = 0;
    this.done = false;
  }

  private close(): void {
    for (const fd of this.held.values()) closeSync(fd);
    this.held.clear();
  }
}
