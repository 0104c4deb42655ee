import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * Bundling and type-checking the reference Raft takes ~3 s and ~100 MiB of heap; types that
 * need five times that are pathological (TypeScript's type system can loop or explode).
 */
export const typeScriptBuildBounds: BuildBounds = { timeMs: 60_000, memoryMiB: 512 };

/**
 * The worker's memory beyond its V8 heap (Node itself, esbuild's own process): its sandbox
 * bound (shared/toolchains/build-sandbox.ts) is the heap plus this, so V8's heap bound,
 * which names the step and the file, is the one a build hits.
 */
export const workerOverheadMiB = 256;
