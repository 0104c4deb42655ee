import type { BuildBounds } from "../../../shared/toolchains/limits.ts";

/**
 * The Python check compiles a node in well under a second with ~20 MiB; a source that needs
 * more is pathological (a 10 MiB list literal takes CPython minutes and gigabytes).
 */
export const pythonCheckBounds: BuildBounds = { timeMs: 60_000, memoryMiB: 512 };
