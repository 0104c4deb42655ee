import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * Compiling the dependencies (tokio, h2, prost ... and prost-build) once per Cargo.lock and
 * rustc: about 100 s on 2 quiet cores, 18 minutes on 2 cores shared with five other builds.
 */
export const rustDependencyBounds: BuildBounds = { timeMs: 30 * 60_000, memoryMiB: 4096 };

/**
 * A learner's build compiles the generated crate and theirs only: 10 to 90 s. The
 * memory bound is the address space of cargo and each rustc (prlimit --as).
 */
export const rustBuildBounds: BuildBounds = { timeMs: 5 * 60_000, memoryMiB: 4096 };
