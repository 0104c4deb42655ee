// What every build's source archive carries beside the user's files: the bundled chaos
// agent (the image's entrypoint), the bundled toolchain step and the modules each language's
// toolchain starts as files of their own (the TypeScript build's worker: its toolchain finds
// it beside the step) or reads (Java's warm-up program), with the npm manifest the step installs, and each language's
// Dockerfile as docker/node-<language>.Dockerfile. Bundled once per process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { LANGUAGE_LIST } from "../../../../languages/registry.ts";
import { bundleAgent } from "../../../agent/bundle.ts";
import type { TarEntry } from "./tarball.ts";
import { WORKSPACE } from "./workspace.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../../..");
const require = createRequire(import.meta.url);

const languagesDir = join(repoRoot, "languages");

/**
 * Installed by the toolchain step: what the languages' toolchains load. The step bundles every
 * toolchain, so it needs them all whatever language it builds.
 */
const STEP_PACKAGES = [...new Set(LANGUAGE_LIST.flatMap((l) => l.stepPackages))];

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
    {
      path: `${judge}/toolchain-step.mjs`,
      data: await bundleStepModule(join(here, "toolchain-step.ts")),
    },
    ...(await Promise.all(
      LANGUAGE_LIST.flatMap((l) =>
        Object.entries(l.stepModules).map(async ([file, source]) => ({
          path: `${judge}/${file}`,
          data: await bundleStepModule(join(languagesDir, l.name, source)),
        })),
      ),
    )),
    ...LANGUAGE_LIST.flatMap((l) =>
      Object.entries(l.stepFiles).map(([file, source]) => ({
        path: `${judge}/${file}`,
        data: readFileSync(join(languagesDir, l.name, source)),
      })),
    ),
    { path: `${judge}/package.json`, data: stepManifest() },
    ...LANGUAGE_LIST.map((l) => ({
      path: `docker/node-${l.name}.Dockerfile`,
      data: readFileSync(join(languagesDir, l.name, "node.Dockerfile")),
    })),
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

/** A module the toolchain step runs (`entry`, an absolute path), as one ES module. */
async function bundleStepModule(entry: string): Promise<Buffer> {
  const result = await build({
    entryPoints: [entry],
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
