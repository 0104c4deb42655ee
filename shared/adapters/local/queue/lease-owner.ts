// Who holds a message's lease: one queue of one process, named by a token no other holder
// shares (`pid:<pid>:<start>:<random>`, start being the process's start time since boot). A
// judge that was killed leaves leases behind; a new judge on the same machine sees that their
// process is gone, or that its pid now belongs to another process (the machine reuses pids),
// and takes the messages back at once instead of waiting for the leases to expire.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

/** A new owner token: one per queue, so two queues of one process are two owners. */
export function leaseOwner(): string {
  return `pid:${process.pid}:${processStart(process.pid) ?? "?"}:${randomBytes(6).toString("hex")}`;
}

/**
 * True when the owner is a process on this machine that no longer runs: its pid is free, or
 * taken by a process that started at another time. An owner written before tokens (`pid:N`)
 * is judged by its pid alone.
 */
export function ownerIsGone(owner: string | null): boolean {
  const match = /^pid:(\d+)(?::(\d+|\?):[0-9a-f]+)?$/.exec(owner ?? "");
  if (!match) return false;
  const pid = Number(match[1]);
  const start = match[2];
  if (!processRuns(pid)) return true;
  if (start === undefined || start === "?") return false;
  const now = processStart(pid);
  return now !== null && String(now) !== start;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat, read
 * after the command's closing parenthesis, which may itself hold spaces and parentheses);
 * null where there is no /proc.
 */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = Number(fields[19]);
    return Number.isSafeInteger(start) ? start : null;
  } catch {
    return null;
  }
}
