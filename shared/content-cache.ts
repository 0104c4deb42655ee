// Files the judge builds for itself (the chaos agent, test nodes, the TypeScript build's
// worker, toolchains' compiled dependencies), kept by content under
// node_modules/.cache/clusterjudge (never committed): a file is written once per content,
// whichever process builds it first.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The cache under the nearest node_modules above this file: the repository's, or the one
 * beside the cloud build's bundled step (judge/node_modules), so a step run from an extracted
 * archive on a machine with warm caches uses them. The system's temporary folder when none;
 * CLUSTERJUDGE_CACHE_DIR when set.
 */
function findCacheDir(): string {
  // A folder of the caller's: `npm run bench -- builds` times builds with an empty cache.
  // It must lie under a node_modules: the TypeScript build's worker imports esbuild from there.
  const chosen = process.env["CLUSTERJUDGE_CACHE_DIR"];
  if (chosen) return chosen;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "node_modules")))
      return join(dir, "node_modules", ".cache", "clusterjudge");
    const parent = dirname(dir);
    if (parent === dir) return join(tmpdir(), "clusterjudge-cache");
    dir = parent;
  }
}

/** Where cached files live; a toolchain keeps its own cached folders here too (C++ stubs, Rust crates, Go's build cache). */
export const CACHE_DIR = findCacheDir();

/**
 * The path of `<name>-<hash>.<extension>`, the hash of `key`: for a file derived from `key`
 * (stubs compiled from a proto), which its builder writes there once, by a rename.
 */
export function cachePathByKey(name: string, extension: string, key: Uint8Array): string {
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 16);
  mkdirSync(CACHE_DIR, { recursive: true });
  return join(CACHE_DIR, `${name}-${hash}.${extension}`);
}

/** The path of `<name>-<hash>.<extension>` holding `code`, written if it is not there yet. */
export function cachedByContent(name: string, extension: string, code: Uint8Array): string {
  const path = cachePathByKey(name, extension, code);
  if (!existsSync(path)) {
    // Write then rename: another process may build the same file at the same time.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, path);
  }
  return path;
}
