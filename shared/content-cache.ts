// Files the judge builds for itself (the chaos agent, test nodes, the TypeScript build's
// worker), kept by content under node_modules/.cache/clusterjudge (never committed): a file
// is written once per content, whichever process builds it first.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the judge keeps what it builds for itself (the Rust toolchain: its compiled crates). */
export const CACHE_DIR = join(
  resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  "node_modules",
  ".cache",
  "clusterjudge",
);

/** The path of `<name>-<hash>.<extension>` holding `code`, written if it is not there yet. */
export function cachedByContent(name: string, extension: string, code: Uint8Array): string {
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const path = join(CACHE_DIR, `${name}-${hash}.${extension}`);
  if (!existsSync(path)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: another process may build the same file at the same time.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, path);
  }
  return path;
}
