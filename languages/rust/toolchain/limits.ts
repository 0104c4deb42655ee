import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * Compiling the dependencies (tokio, h2, prost ... and prost-build) once per Cargo.lock and
 * rustc: about a minute and a half on 2 cores, under 1 GiB per rustc.
 */
export const rustDependencyBounds: BuildBounds = { timeMs: 15 * 60_000, memoryMiB: 4096 };

/**
 * A learner's build compiles the generated crate and theirs only: well under a minute. The
 * memory bound is the address space of cargo and each rustc (prlimit --as).
 */
export const rustBuildBounds: BuildBounds = { timeMs: 5 * 60_000, memoryMiB: 4096 };
