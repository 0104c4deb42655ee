// Compiles one of the learner's files in the build copy into an object file, within the
// compile bounds: g++'s errors come back on the learner's files, and a file that makes g++
// exceed a bound (or crash) is that file's diagnostic.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  ToolchainError,
  diagnostic,
  type BuildDiagnostic,
} from "../../../shared/toolchains/types.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import { boundHit, runBounded } from "./bounded-tool.ts";
import { cppStandardFlags, gxx } from "../compiler.ts";
import { isBuildCopyPath, parseGxxOutput } from "./diagnostics.ts";

export interface CompileJob {
  /** The build copy, g++'s working folder. */
  buildDir: string;
  /** The file, relative to the build copy (and so to the submission). */
  source: string;
  object: string;
  /** The object's own folder, g++'s only writable one: parallel compiles never share it. */
  objectDir: string;
  cflags: string[];
  /** The generated headers' names, which are not the learner's. */
  generated: readonly string[];
  /** For the message on an #include that cannot be found. */
  includable: string;
  bounds: BuildBounds;
}

export interface CompileResult {
  errors: BuildDiagnostic[];
  warnings: BuildDiagnostic[];
}

export const cppCompileMessages = {
  bound: (b: BuildBounds) =>
    `g++ could not compile this file within ${b.timeMs / 1000} s and ${b.memoryMiB} MiB (the bounds of a C++ compile): look for runaway template or constexpr recursion, or split the file`,
  crash: (detail: string) => `g++ failed on this file: ${detail}`,
};

export async function compileFile(job: CompileJob): Promise<CompileResult> {
  mkdirSync(dirname(job.object), { recursive: true });
  const argv = [
    gxx,
    ...cppStandardFlags,
    ...job.cflags,
    "-I.",
    "-fdiagnostics-color=never",
    "-fno-diagnostics-show-caret",
    "-fmax-errors=20",
    "-c",
    job.source,
    "-o",
    job.object,
  ];
  const result = await runBounded(argv, job.buildDir, job.bounds, {
    writable: [job.objectDir],
    readable: [job.buildDir],
  });
  const own = (path: string): boolean => isBuildCopyPath(path, job.generated);
  const parsed = parseGxxOutput(result.stderr, job.source, own, job.includable);
  if (result.code === 0 && !result.timedOut) return parsed;
  if (result.timedOut || result.signal === "SIGKILL" || boundHit.test(result.stderr))
    return { errors: [diagnostic(job.source, cppCompileMessages.bound(job.bounds))], warnings: [] };
  if (parsed.errors.length > 0) return parsed;
  if (result.signal === null && result.stderr.trim() === "")
    throw new ToolchainError(
      gxx,
      `exited with ${String(result.code)} on ${job.source}, saying nothing`,
    );
  const detail = result.stderr.trim().split("\n").slice(-5).join("\n") || String(result.signal);
  return { errors: [diagnostic(job.source, cppCompileMessages.crash(detail))], warnings: [] };
}

/**
 * Where a source's object goes: a folder of its own per source (its index), each compile's
 * only writable one, since the sandbox gives a writable folder to one compile's uid.
 */
export const objectDirOf = (objectsDir: string, index: number): string =>
  join(objectsDir, String(index));
export const objectOf = (objectsDir: string, index: number, source: string): string =>
  join(objectDirOf(objectsDir, index), `${source}.o`);
