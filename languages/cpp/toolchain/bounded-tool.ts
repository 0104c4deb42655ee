// Runs a compiler within a build bound: the wall-clock time through runTool, the address
// space and the CPU time through the shell's ulimit, which g++'s own children (cc1plus, as,
// ld) inherit. runTool's timeout kills g++ alone; the CPU limit stops a cc1plus left behind.
import { runTool, type ToolResult } from "../../../shared/toolchains/run-tool.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

// dash's ulimit takes one limit per call.
const limitedExec = 'ulimit -v "$1" && ulimit -t "$2" && shift 2 && exec "$@"';

export function runBounded(argv: string[], cwd: string, bounds: BuildBounds): Promise<ToolResult> {
  const addressKiB = String(bounds.memoryMiB * 1024);
  const cpuSeconds = String(Math.ceil(bounds.timeMs / 1000));
  return runTool(["/bin/sh", "-c", limitedExec, "sh", addressKiB, cpuSeconds, ...argv], cwd, {
    timeoutMs: bounds.timeMs,
  });
}

/** g++'s words when a bound stopped it (cc1plus out of memory, killed by the CPU limit). */
export const boundHit =
  /out of memory|virtual memory exhausted|Cannot allocate memory|Killed signal|CPU time limit|std::bad_alloc/;
