// Bundles a TypeScript entry (the agent, or a test node) with esbuild into one CommonJS file
// that `process.execPath FILE` runs without tsx. Built once per process, cached by content
// (shared/content-cache.ts).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { cachedByContent } from "../content-cache.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const AGENT_ENTRY = join(here, "main.ts");

const built = new Map<string, Promise<string>>();

/** The runnable file for `entry`, built on first use. */
export function bundleEntry(entry: string, name: string): Promise<string> {
  const key = resolve(entry);
  let pending = built.get(key);
  if (!pending) {
    pending = buildOnce(key, name);
    built.set(key, pending);
    pending.catch(() => built.delete(key));
  }
  return pending;
}

/** The chaos agent as one file: run it with `process.execPath <file> --config <json file>`. */
export function bundleAgent(): Promise<string> {
  return bundleEntry(AGENT_ENTRY, "agent");
}

async function buildOnce(entry: string, name: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced nothing for ${entry}`);
  return cachedByContent(name, "cjs", code);
}
