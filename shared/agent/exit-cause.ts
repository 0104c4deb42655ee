// Names why the node's process ended, so "memory limit: node-2 was killed at 512 MiB"
// reaches the user instead of a bare "killed". The cgroups count what their limits did:
// out-of-memory kills (v1 memory.oom_control, v2 memory.events) and forks refused at the
// pids limit (pids.events, both versions).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LimitHit } from "../ports/cluster.ts";

function counter(file: string, name: string): number | null {
  try {
    const match = new RegExp(`^${name} (\\d+)$`, "m").exec(readFileSync(file, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Out-of-memory kills so far in the node's memory cgroup, or null without one. */
export function oomKills(memoryCgroupDir: string | undefined, version: 1 | 2 = 1): number | null {
  if (!memoryCgroupDir) return null;
  if (version === 2) return counter(join(memoryCgroupDir, "memory.events"), "oom_kill");
  const kills = counter(join(memoryCgroupDir, "memory.oom_control"), "oom_kill");
  if (kills !== null) return kills;
  // Kernels before 4.13 have no counter: count hitting the limit instead.
  try {
    return Number(readFileSync(join(memoryCgroupDir, "memory.failcnt"), "utf8").trim());
  } catch {
    return null;
  }
}

/** Forks and clones refused at the pids limit so far, or null without a pids cgroup. */
export function pidsRefused(pidsCgroupDir: string | undefined): number | null {
  if (!pidsCgroupDir) return null;
  return counter(join(pidsCgroupDir, "pids.events"), "max");
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** The words for a limit hit: the judge shows them as they are. */
export function limitMessage(
  nodeId: string,
  limit: LimitHit["limit"],
  bound: number,
  /** The file system a disk limit was hit on, as the node sees it. */
  where = "DATA_DIR",
): string {
  switch (limit) {
    case "memory":
      return `memory limit: ${nodeId} was killed at ${mib(bound)}`;
    case "pids":
      return `pids limit: ${nodeId} was refused a process or thread beyond ${bound} tasks`;
    case "disk":
      return `disk limit: ${nodeId} filled its ${where} (${mib(bound)})`;
  }
}

export interface ExitFacts {
  nodeId: string;
  code: number | null;
  signal: string | null;
  killedByAgent: boolean;
  /** The limit that ended or marked this run (limit-watch.ts), if any. */
  limit: LimitHit | null;
}

export function exitCause(f: ExitFacts): string {
  if (f.killedByAgent) return `${f.nodeId} was killed by the agent (SIGKILL)`;
  if (f.limit?.killed) return f.limit.message;
  const how = exitWords(f);
  return f.limit ? `${how} (${f.limit.message})` : how;
}

function exitWords(f: ExitFacts): string {
  if (f.signal) return `${f.nodeId} was killed by ${f.signal}`;
  // A wrapper (sh, bwrap) reports its child's death by signal N as exit code 128 + N.
  if (f.code !== null && f.code > 128 && f.code <= 128 + 64) {
    return `${f.nodeId} was killed by signal ${f.code - 128}`;
  }
  return `${f.nodeId} exited with code ${f.code}`;
}
