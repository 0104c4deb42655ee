import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * javac compiles a node of a few files in 2 to 10 s with well under 200 MiB of heap (measured
 * on the reference G-Counter); a source that needs ten times that is pathological. The heap
 * bound is javac's own (-J-Xmx): past it javac stops with an OutOfMemoryError, which is the
 * learner's diagnostic.
 */
export const javacBounds: BuildBounds = { timeMs: 120_000, memoryMiB: 512 };

/**
 * The memory cgroup around javac: its heap bound and room for what a JVM needs beside its
 * heap (metaspace, code cache, GC and thread stacks; javac on the template peaks at 78 MiB RSS
 * in all, measured), so the heap's OutOfMemoryError, which says what happened, comes before
 * the cgroup's kill.
 */
export const javacMemoryMiB = (bounds: BuildBounds): number => bounds.memoryMiB + 512;
