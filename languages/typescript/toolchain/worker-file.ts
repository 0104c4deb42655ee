// Where the TypeScript build's worker is as one runnable file. The cloud build's archive
// carries it prebuilt beside the bundled toolchain step (judge/typescript-worker.mjs); from
// source, it is bundled here on first use and cached by content (shared/content-cache.ts).
// esbuild and typescript stay outside the bundle: the worker imports them from the
// node_modules above it.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { cachedByContent } from "../../../shared/content-cache.ts";
import { WORKER_FILE } from "../language.ts";

const here = dirname(fileURLToPath(import.meta.url));

let built: Promise<string> | null = null;

/** The worker's path: the prebuilt file beside this code, or a fresh bundle of its source. */
export function typeScriptWorkerFile(): Promise<string> {
  const prebuilt = join(here, WORKER_FILE);
  if (existsSync(prebuilt)) return Promise.resolve(prebuilt);
  built ??= buildToCache();
  built.catch(() => (built = null));
  return built;
}

/** The worker as one ES module (for the cloud build's archive, and the cache). */
async function bundleTypeScriptWorker(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(here, "worker.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: ["esbuild", "typescript"],
    write: false,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced nothing for the TypeScript worker");
  return code;
}

async function buildToCache(): Promise<string> {
  return cachedByContent("typescript-worker", "mjs", await bundleTypeScriptWorker());
}
