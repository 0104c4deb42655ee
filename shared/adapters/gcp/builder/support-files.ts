// What every build's source archive carries beside the user's files: the bundled chaos
// agent (the image's entrypoint), the bundled toolchain step and the TypeScript build's worker
// it runs (shared/toolchains/typescript-worker-file.ts finds it beside the step), with the npm
// manifest the step installs, and the Dockerfiles. Bundled once per process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundleAgent } from "../../../agent/bundle.ts";
import type { TarEntry } from "./tarball.ts";
import { WORKSPACE } from "./workspace.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../../..");
const require = createRequire(import.meta.url);

/** Installed by the toolchain step: what the toolchain loads and what TypeScript nodes import. */
const STEP_PACKAGES = ["esbuild", "typescript", "@grpc/grpc-js", "@grpc/proto-loader"] as const;
const LANGUAGES = ["python", "typescript"] as const;

let cached: Promise<TarEntry[]> | null = null;

export function judgeSupportFiles(): Promise<TarEntry[]> {
  cached ??= makeSupportFiles();
  cached.catch(() => (cached = null));
  return cached;
}

async function makeSupportFiles(): Promise<TarEntry[]> {
  const judge = WORKSPACE.judge;
  return [
    { path: `${judge}/agent.cjs`, data: readFileSync(await bundleAgent()) },
    { path: `${judge}/toolchain-step.mjs`, data: await bundleStepModule("toolchain-step.ts") },
    {
      path: `${judge}/typescript-worker.mjs`,
      data: await bundleStepModule("../../../toolchains/typescript-worker.ts"),
    },
    { path: `${judge}/package.json`, data: stepManifest() },
    ...LANGUAGES.map((language) => {
      const path = `docker/node-${language}.Dockerfile`;
      return { path, data: readFileSync(join(repoRoot, path)) };
    }),
  ];
}

function stepManifest(): string {
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as {
        version: string;
      }
    ).version;
  const dependencies = Object.fromEntries(STEP_PACKAGES.map((p) => [p, version(p)]));
  return `${JSON.stringify({ private: true, type: "module", dependencies }, null, 2)}\n`;
}

/** A module the toolchain step runs, as one ES module (`entry` relative to this folder). */
async function bundleStepModule(entry: string): Promise<Buffer> {
  const result = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    // Resolved from the step's own node_modules: the toolchain finds @grpc beside itself.
    external: [...STEP_PACKAGES],
    // Bundled CommonJS code may call require(); an ES module has none of its own.
    banner: {
      js: 'import { createRequire as cjCreateRequire } from "node:module"; const require = cjCreateRequire(import.meta.url);',
    },
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced nothing for ${entry}`);
  return Buffer.from(code);
}
