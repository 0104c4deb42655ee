import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * One learner's file through g++ (-O2, including grpcpp): about 15 s and 340 MiB (peak RSS) measured on
 * two busy cores (docs/languages.md). A file needing more is pathological (a runaway template
 * or constexpr recursion): it becomes that file's diagnostic.
 */
export const cppCompileBounds: BuildBounds = { timeMs: 180_000, memoryMiB: 2048 };

/** The link of a node: a couple of seconds; the bound only stops a hung linker. */
export const cppLinkBounds: BuildBounds = { timeMs: 120_000, memoryMiB: 2048 };

/**
 * Files g++ compiles at once: two, on the two cores a build has; the generated stubs are
 * compiled once per proto (stub-objects.ts), so most builds compile the learner's files only.
 */
export const cppParallelCompiles = 2;
