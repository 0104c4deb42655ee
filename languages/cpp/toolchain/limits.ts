import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * One learner's file through g++ (-O2, including grpcpp): about 15 s and 300 to 340 MiB
 * (cc1plus's peak RSS; 301 MiB the template's compile cgroup peak) measured on two busy cores
 * (docs/languages.md). The memory bound is the compile's memory cgroup (g++, cc1plus and as
 * together), above a node's 512 MiB on purpose: three times what a file with grpcpp needs. A
 * file needing more is pathological (a runaway template or constexpr recursion): it becomes
 * that file's diagnostic.
 */
export const cppCompileBounds: BuildBounds = { timeMs: 180_000, memoryMiB: 1024 };

/** The link of a node: a couple of seconds and 35 MiB measured; the bound stops a hung linker. */
export const cppLinkBounds: BuildBounds = { timeMs: 120_000, memoryMiB: 1024 };

/**
 * Files g++ compiles at once: two, on the two cores a build has; the generated stubs are
 * compiled once per proto (stub-objects.ts), so most builds compile the learner's files only.
 */
export const cppParallelCompiles = 2;
