// What /proc says about a process: its state, parent, group, start time, command line,
// environment and network namespace. Every read may fail (the process exited meanwhile,
// or belongs to another user): such a process reads as null.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

export interface ProcStat {
  pid: number;
  /** R, S, D, Z (zombie), T... */
  state: string;
  ppid: number;
  pgid: number;
  /** Clock ticks after boot: with the pid, names one process even if the pid is reused. */
  startTicks: number;
}

export function listPids(): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number);
}

export function procStat(pid: number): ProcStat | null {
  try {
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses: split after the
    // last ")". starttime is field 22, the 20th after comm.
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
    return {
      pid,
      state: fields[0] ?? "?",
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      startTicks: Number(fields[19]),
    };
  } catch {
    return null;
  }
}

/** The command line, arguments joined by spaces ("" for a kernel thread or a zombie). */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return null;
  }
}

/** The environment the process was started with, as NAME=value entries. */
export function environ(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  } catch {
    return null;
  }
}

/** `net:[4026531840]`: equal for two processes in the same network namespace. */
export function netnsOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return null;
  }
}

/** Live (not zombie) processes whose process group is `pgid`: a node and all it started. */
export function groupMembers(pgid: number): number[] {
  return listPids().filter((pid) => {
    const stat = procStat(pid);
    return stat !== null && stat.state !== "Z" && stat.pgid === pgid;
  });
}
