// Names why the node's process ended, so "node-2 exceeded 512 MiB" reaches the user instead
// of a bare "killed". The memory cgroup counts its out-of-memory kills.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Out-of-memory kills so far in the node's memory cgroup, or null without one. */
export function oomKills(memoryCgroupDir: string | undefined): number | null {
  if (!memoryCgroupDir) return null;
  try {
    const text = readFileSync(join(memoryCgroupDir, "memory.oom_control"), "utf8");
    const match = /^oom_kill (\d+)$/m.exec(text);
    if (match) return Number(match[1]);
    // Kernels before 4.13 have no counter: count hitting the limit instead.
    return Number(readFileSync(join(memoryCgroupDir, "memory.failcnt"), "utf8").trim());
  } catch {
    return null;
  }
}

export interface ExitFacts {
  nodeId: string;
  code: number | null;
  signal: string | null;
  killedByAgent: boolean;
  oomKillsBefore: number | null;
  oomKillsAfter: number | null;
  memoryLimitBytes: number | undefined;
}

export function exitCause(f: ExitFacts): string {
  if (f.killedByAgent) return `${f.nodeId} was killed by the agent (SIGKILL)`;
  if (f.oomKillsBefore !== null && f.oomKillsAfter !== null && f.oomKillsAfter > f.oomKillsBefore) {
    const limit = f.memoryLimitBytes
      ? `${Math.round(f.memoryLimitBytes / 2 ** 20)} MiB`
      : "its memory limit";
    return `${f.nodeId} exceeded ${limit}`;
  }
  if (f.signal) return `${f.nodeId} was killed by ${f.signal}`;
  // A wrapper (sh, bwrap) reports its child's death by signal N as exit code 128 + N.
  if (f.code !== null && f.code > 128 && f.code <= 128 + 64) {
    return `${f.nodeId} was killed by signal ${f.code - 128}`;
  }
  return `${f.nodeId} exited with code ${f.code}`;
}
