import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * `go build` of the learner's code, once the stubs, grpc and protobuf are in the cache: a node
 * of a few thousand lines compiles in seconds. The memory bound is the sandbox's memory cgroup
 * (go and every compile and link it starts, together), above a node's 512 MiB on purpose:
 * the template's build peaks at 80 to 220 MiB with the cache, 380 MiB compiling grpc too
 * (measured), and a node of several packages compiles two at a time; 1 GiB leaves room for a
 * large node, and a source that needs more is pathological: its diagnostic says so.
 */
export const goBuildBounds: BuildBounds = { timeMs: 300_000, memoryMiB: 1024 };

/**
 * Compiling the stubs with grpc and protobuf into an empty cache, the platform's own work: 25 s
 * on an idle core, four minutes seen on a 2-core machine busy with other builds. Its memory:
 * 380 MiB measured for grpc and protobuf into an empty cache (two packages at a time).
 */
export const stubsBuildBounds: BuildBounds = { timeMs: 20 * 60_000, memoryMiB: 1024 };

/** What a bound hit says, for the learner and the tests. */
export const goCompileMessages = {
  time: (b: BuildBounds) =>
    `go build did not finish within ${b.timeMs / 1000} s (the time bound of the Go build)`,
  memory: (b: BuildBounds) =>
    `go build needed more than ${b.memoryMiB} MiB of memory (the memory bound of the Go build): shorten or split your largest expressions, constants or files`,
};
