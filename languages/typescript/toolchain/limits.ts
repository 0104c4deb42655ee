import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * Bundling and type-checking the reference Raft takes ~3 s and ~100 MiB of heap; types that
 * need five times that are pathological (TypeScript's type system can loop or explode).
 */
export const typeScriptBuildBounds: BuildBounds = { timeMs: 60_000, memoryMiB: 512 };
