// How a test run knows its own processes: scripts/run-tests.ts starts the test runner with
// CLUSTERJUDGE_TEST_RUN=<id>, every process the suite starts inherits it (agents, nodes,
// emulators, browsers), and /proc/<pid>/environ still shows it after the process was
// re-parented to init. A developer's own `npm start` has no such entry and is never counted.
import { commandLine, environ, listPids, procStat, type ProcStat } from "./proc.ts";

export const TEST_RUN_ENV = "CLUSTERJUDGE_TEST_RUN";

export interface MarkedProcess extends ProcStat {
  args: string;
}

/** Live processes started with `${TEST_RUN_ENV}=runId` (zombies hold nothing and are skipped). */
export function markedProcesses(runId: string, except: ReadonlySet<number>): MarkedProcess[] {
  const entry = `${TEST_RUN_ENV}=${runId}`;
  const found: MarkedProcess[] = [];
  for (const pid of listPids()) {
    if (except.has(pid)) continue;
    const stat = procStat(pid);
    if (!stat || stat.state === "Z") continue;
    if (!environ(pid)?.includes(entry)) continue;
    found.push({ ...stat, args: commandLine(pid) ?? "?" });
  }
  return found;
}

/**
 * Every pid that carried the run's mark while the run went on, sampled from /proc. A local
 * cluster names its namespace and cgroups after the pid of the process that deployed it,
 * long dead by the end of the run: these pids tell the run's clusters from anyone else's.
 * Unmarked processes are read again at each sample: one may exec into a marked program.
 */
export class RunProcesses {
  readonly pids = new Set<number>();
  private readonly entry: string;

  constructor(runId: string) {
    this.entry = `${TEST_RUN_ENV}=${runId}`;
  }

  sample(): void {
    for (const pid of listPids()) {
      if (!this.pids.has(pid) && environ(pid)?.includes(this.entry)) this.pids.add(pid);
    }
  }
}
