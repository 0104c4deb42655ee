import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * Compiling the dependencies (tokio, h2, prost ... and prost-build) once per Cargo.lock and
 * rustc: about 100 s on 2 quiet cores, 18 minutes on 2 cores shared with five other builds.
 * The memory bound is the sandbox's memory cgroup (cargo, every rustc and build script
 * together; cargo runs two rustc at once): the platform's own step, given room.
 */
export const rustDependencyBounds: BuildBounds = { timeMs: 30 * 60_000, memoryMiB: 4096 };

/**
 * A learner's build compiles the generated crate and theirs only: 10 to 90 s. The memory
 * bound is the sandbox's memory cgroup (cargo and every rustc together), above a node's
 * 512 MiB on purpose: the template's build peaks at about 200 MiB (measured), and rustc at
 * -O on a large crate can take a GiB; a crate needing more than 2 GiB is pathological, and
 * its diagnostic says so.
 */
export const rustBuildBounds: BuildBounds = { timeMs: 5 * 60_000, memoryMiB: 2048 };
