// Finds the CLI's current build (dist/cli/current.json, made by cli/build/build-cli.ts) and
// says whether it may run: only while every source file it was built from still has the
// modification time and size it had then. Plain JavaScript: it runs before anything could
// transpile TypeScript.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const BUILD_ROOT = join("dist", "cli");
export const MANIFEST_FILE = "current.json";

/**
 * The built entry to run, or null when there is no build, or any of its sources changed,
 * moved or vanished since (the caller then builds again, or runs the sources).
 * @param {string} repo the repository's folder
 * @returns {string | null}
 */
export function freshBuild(repo) {
  const root = join(repo, BUILD_ROOT);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, MANIFEST_FILE), "utf8"));
  } catch {
    return null;
  }
  const inputs = Object.entries(manifest.inputs ?? {});
  if (inputs.length === 0 || typeof manifest.entry !== "string") return null;
  for (const [file, [mtimeMs, size]] of inputs) {
    const now = statSync(join(repo, file), { throwIfNoEntry: false });
    if (!now || now.mtimeMs !== mtimeMs || now.size !== size) return null;
  }
  const entry = join(root, manifest.entry);
  return existsSync(entry) ? entry : null;
}
