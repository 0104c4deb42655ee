// The end-of-run check (scripts/run-tests.ts): what a test run left alive — its processes,
// and the network namespaces and cgroups its clusters made — named, then removed.
import { setTimeout as sleep } from "node:timers/promises";
import { markedProcesses, type MarkedProcess } from "./marker.ts";
import {
  cgroupPids,
  clusterCgroups,
  deleteNetns,
  netnsNames,
  netnsPids,
  ownerPid,
  removeCgroup,
} from "./sandboxes.ts";

/** How long processes may take to follow their parents out once the test runner has exited
 * (agents check their parent every 250 ms, then kill their nodes). */
const SETTLE_MS_MAX = 5_000;
const POLL_MS = 100;
/** cgroup folders can be removed only once the kernel has reaped their last process. */
const REMOVE_TRIES = 50;

export interface SandboxSnapshot {
  netns: ReadonlySet<string>;
  cgroups: ReadonlySet<string>;
}

export interface Leftovers {
  processes: MarkedProcess[];
  netns: { name: string; pids: number[] }[];
  cgroups: { path: string; pids: number[] }[];
}

export function snapshotSandboxes(): SandboxSnapshot {
  return { netns: new Set(netnsNames()), cgroups: new Set(clusterCgroups()) };
}

export interface RunIdentity {
  runId: string;
  /** Pids that carried the run's mark (RunProcesses.pids): a cluster named after one is ours. */
  owners: ReadonlySet<number>;
  /** Namespaces and cgroups there before the run: never ours, whatever pid they name. */
  before: SandboxSnapshot;
  /** The checking process itself. */
  except: ReadonlySet<number>;
}

/** Waits (a few seconds at most) for the run's processes to go, then lists what is left. */
export async function findLeftovers(
  run: RunIdentity,
  settleMs: number = SETTLE_MS_MAX,
): Promise<Leftovers> {
  const until = Date.now() + settleMs;
  while (markedProcesses(run.runId, run.except).length > 0 && Date.now() < until) {
    await sleep(POLL_MS);
  }
  const ours = (name: string, before: ReadonlySet<string>) => {
    const pid = ownerPid(name);
    return pid !== null && run.owners.has(pid) && !before.has(name);
  };
  return {
    processes: markedProcesses(run.runId, run.except),
    netns: netnsNames()
      .filter((name) => ours(name, run.before.netns))
      .map((name) => ({ name, pids: netnsPids(name) })),
    cgroups: clusterCgroups()
      .filter((path) => ours(path, run.before.cgroups))
      .map((path) => ({ path, pids: cgroupPids(path) })),
  };
}

export function isEmpty(left: Leftovers): boolean {
  return left.processes.length + left.netns.length + left.cgroups.length === 0;
}

/** One line per thing left, with what a person needs to find it. */
export function describeLeftovers(left: Leftovers): string[] {
  const pids = (list: number[]) => (list.length ? ` (processes ${list.join(", ")})` : "");
  return [
    ...left.processes.map(
      (p) => `process ${p.pid} (parent ${p.ppid}, group ${p.pgid}): ${p.args.slice(0, 200)}`,
    ),
    ...left.netns.map((n) => `network namespace ${n.name}${pids(n.pids)}`),
    ...left.cgroups.map((c) => `cgroup ${c.path}${pids(c.pids)}`),
  ];
}

/** Kills every process named, then deletes the namespaces and cgroup folders. */
export async function removeLeftovers(left: Leftovers): Promise<void> {
  const pids = new Set([
    ...left.processes.map((p) => p.pid),
    ...left.netns.flatMap((n) => n.pids),
    ...left.cgroups.flatMap((c) => c.pids),
  ]);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  for (const { name } of left.netns) deleteNetns(name);
  let folders = left.cgroups.map((c) => c.path);
  for (let i = 0; i < REMOVE_TRIES && folders.length > 0; i++) {
    folders = folders.filter((dir) => !removeCgroup(dir));
    if (folders.length > 0) await sleep(POLL_MS);
  }
}
