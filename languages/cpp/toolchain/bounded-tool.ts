// Runs g++ within a build bound, in the build sandbox: the wall-clock time, after which the
// sandbox kills g++ and every child it started (cc1plus, as, ld) together, and the memory
// cgroup, which bounds them together too.
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import type { ToolResult } from "../../../shared/toolchains/run-tool.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

export interface CompilerFolders {
  /** Where g++ writes (an object file's folder, the program's). */
  writable: string[];
  /** What it reads beyond /usr: world-readable (the build copy, the stubs' objects). */
  readable?: string[];
}

export function runBounded(
  argv: string[],
  cwd: string,
  bounds: BuildBounds,
  folders: CompilerFolders,
): Promise<ToolResult> {
  // g++'s temporary files (the assembly of a large file) go to its first writable folder:
  // the sandbox's /tmp is a 64 MiB tmpfs.
  const tmp = folders.writable[0];
  return runBuildTool(argv, cwd, {
    timeoutMs: bounds.timeMs,
    memoryMiB: bounds.memoryMiB,
    ...(tmp ? { env: { TMPDIR: tmp } } : {}),
    ...folders,
  });
}

/** g++'s words when a bound stopped it (the cgroup killed cc1plus, or it ran out of memory). */
export const boundHit =
  /out of memory|virtual memory exhausted|Cannot allocate memory|Killed signal|std::bad_alloc/;
