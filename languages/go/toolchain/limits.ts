import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * `go build` of the learner's code, once the stubs, grpc and protobuf are in the cache: a node
 * of a few thousand lines compiles in seconds. Each compiler process gets the memory bound as
 * its address space; grpc itself compiles in well under 1 GiB.
 */
export const goBuildBounds: BuildBounds = { timeMs: 300_000, memoryMiB: 2048 };

/**
 * Compiling the stubs with grpc and protobuf into an empty cache, the platform's own work: 25 s
 * on an idle core, four minutes seen on a 2-core machine busy with other builds.
 */
export const stubsBuildTimeMs = 20 * 60_000;
