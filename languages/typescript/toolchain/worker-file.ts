// Where the TypeScript build's worker is as one runnable file. The cloud build's archive
// carries it prebuilt beside the bundled toolchain step (judge/typescript-worker.mjs); from
// source, it is bundled here on first use and cached by content under
// node_modules/.cache/clusterjudge (never committed). esbuild and typescript stay outside the
// bundle: the worker imports them from the node_modules above it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { WORKER_FILE } from "../language.ts";

const here = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(resolve(here, "../../.."), "node_modules", ".cache", "clusterjudge");

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
export async function bundleTypeScriptWorker(): Promise<Uint8Array> {
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
  const code = await bundleTypeScriptWorker();
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const path = join(CACHE_DIR, `typescript-worker-${hash}.mjs`);
  if (!existsSync(path)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: another process may build the same file at the same time.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, path);
  }
  return path;
}
