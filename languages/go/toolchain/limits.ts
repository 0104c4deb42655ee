import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * `go build` of a node: cold (grpc and protobuf compiled into an empty cache) ~25 s on one busy
 * core, cached under a second. Each compiler process gets the memory bound as its address
 * space; the grpc packages compile in well under 1 GiB.
 */
export const goBuildBounds: BuildBounds = { timeMs: 300_000, memoryMiB: 2048 };
