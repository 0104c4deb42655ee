// The limits of a build, in one place, each with its reason.

/** A submission is source code: more files than this is a mistake (a virtualenv, node_modules). */
export const submissionFilesMax = 500;
/** Same reason, in bytes: source code for one node fits in far less. */
export const submissionBytesMax = 10 * 1024 * 1024;
/** protoc finishes in well under a second; a hung tool must not hang a build. */
export const toolTimeoutMs = 60_000;
/** Diagnostics beyond this many only bury the first, which is the one to fix. */
export const diagnosticsMax = 50;
/** A tool's output kept for its caller: diagnostics fit in far less; a flood is cut. */
export const toolOutputMaxBytes = 1024 * 1024;

/** What a build step that reads the learner's code may spend before it is stopped. */
export interface BuildBounds {
  /** Wall-clock time of the whole step. */
  timeMs: number;
  /** Memory: the V8 heap of the TypeScript worker, the address space of the Python check. */
  memoryMiB: number;
}
