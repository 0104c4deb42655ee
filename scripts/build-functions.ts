// `npm run build`: bundles every Cloud Function (functions/cloud/catalog.ts) with esbuild into
// dist/functions/<name>/: index.js (ESM, our code only), the files our code reads next to
// itself (`new URL("…", import.meta.url)`, copied under assets/), the repository folders the
// function reads (its catalog entry's `folders`), the prebuilt files Cloud Build archives carry
// (submit only), the web UI's built files (api only), and a package.json naming the npm packages
// the bundle imports, at the repository's versions, for the deploy's `npm install`. Packages stay external: the Google clients read their own files at run time.
// A bundle that pulls in a local-only module (SQLite, the toolchains, the CLI), or a build-time
// package it does not need, fails the build. Each function's entry names the adapters it uses
// (functions/cloud/step-ports.ts), so a bundle lists only their packages.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isBuiltin } from "node:module";
import { build, type Metafile, type Plugin } from "esbuild";
import { CLOUD_FUNCTIONS, type CloudFunctionSpec } from "../functions/cloud/catalog.ts";
import { writeSupportFiles } from "../functions/cloud/support-files.ts";
import { WEB_UI_FOLDER } from "../functions/cloud/web-ui.ts";
import { writeWebAssets } from "../server/web-bundle.ts";
import { writeCarriedReportScripts } from "../harness/report-script.ts";
import { judgeSupportFiles } from "../shared/adapters/gcp/builder/index.ts";
import { REGISTRY } from "../problems/registry.ts";
import { LANGUAGES } from "../languages/registry.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_OUT_DIR = join(REPO, "dist", "functions");

/** The bundles `npm run build` makes, one per function. */
export const FUNCTION_BUNDLES: readonly string[] = CLOUD_FUNCTIONS.map((f) => f.name);

/**
 * Sources that only make sense on one machine; no cloud bundle may contain them. A language's
 * toolchain is one: functions know a language by its language.ts, never by its toolchain.
 */
export const LOCAL_ONLY_SOURCES = [
  "shared/adapters/local/",
  "shared/toolchains/",
  "languages/toolchains.ts",
  ...LANGUAGES.map((l) => `languages/${l}/toolchain/`),
  "shared/pipeline/local-pipeline.ts",
  "shared/pipeline/home.ts",
  "cli/",
  "server/",
];

/** The Node.js major version Cloud Functions runs the bundles on (runtime nodejs20). */
export const NODE_MAJOR = 20;

/**
 * Packages only `npm run build` needs. The builder's default support files import esbuild, so
 * the one bundle that builds (its catalog entry's `buildSupport`) may carry it; any other
 * bundle importing one has pulled in code its function never runs.
 */
export const BUILD_TIME_PACKAGES: readonly string[] = ["esbuild"];

export class BuildTimeImportError extends Error {
  constructor(
    readonly bundle: string,
    readonly packages: string[],
  ) {
    super(`bundle ${bundle} would import build-time packages: ${packages.join(", ")}`);
    this.name = "BuildTimeImportError";
  }
}

/** The build-time packages a function's bundle may not import, of those it does. */
export function forbiddenBuildTimeImports(
  spec: Pick<CloudFunctionSpec, "buildSupport">,
  packages: readonly string[],
): string[] {
  return spec.buildSupport ? [] : packages.filter((p) => BUILD_TIME_PACKAGES.includes(p));
}

export class LocalOnlyImportError extends Error {
  constructor(
    readonly bundle: string,
    readonly files: string[],
  ) {
    super(`bundle ${bundle} would contain local-only modules: ${files.join(", ")}`);
    this.name = "LocalOnlyImportError";
  }
}

export interface BuiltFunction {
  name: string;
  dir: string;
  /** npm packages the bundle imports, with the versions package.json installs. */
  dependencies: Record<string, string>;
  /** Repository files bundled in, relative to the repository. */
  sources: string[];
}

export async function buildFunctions(
  outDir = DEFAULT_OUT_DIR,
  names: readonly string[] = FUNCTION_BUNDLES,
): Promise<BuiltFunction[]> {
  const specs = names.map((n) => {
    const spec = CLOUD_FUNCTIONS.find((f) => f.name === n);
    if (!spec)
      throw new Error(`no function ${n}; the functions are ${FUNCTION_BUNDLES.join(", ")}`);
    return spec;
  });
  return Promise.all(specs.map((s) => buildOne(s, join(outDir, s.name))));
}

async function buildOne(spec: CloudFunctionSpec, dir: string): Promise<BuiltFunction> {
  const { name } = spec;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [join(REPO, spec.entry)],
    outfile: join(dir, "index.js"),
    bundle: true,
    platform: "node",
    target: `node${NODE_MAJOR}`,
    format: "esm",
    packages: "external",
    metafile: true,
    logLevel: "silent",
    // Bundled CommonJS code calls require(); an ES module has none of its own.
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);',
    },
    plugins: [copyAssets(dir)],
  });
  const sources = Object.keys(result.metafile.inputs).map((p) => relative(REPO, resolve(REPO, p)));
  const localOnly = sources.filter((s) => LOCAL_ONLY_SOURCES.some((l) => s.startsWith(l)));
  if (localOnly.length) throw new LocalOnlyImportError(name, localOnly);
  const packages = importedPackages(result.metafile);
  const buildTime = forbiddenBuildTimeImports(spec, packages);
  if (buildTime.length) throw new BuildTimeImportError(name, buildTime);
  const dependencies = packageVersions(packages);
  const manifest = {
    name: `clusterjudge-${name}`,
    private: true,
    type: "module",
    main: "index.js",
    engines: { node: `${NODE_MAJOR}.x` },
    dependencies,
  };
  if (spec.buildSupport) await writeSupportFiles(dir, await judgeSupportFiles());
  if (spec.webUi) await writeWebAssets(join(dir, WEB_UI_FOLDER));
  // A bundle that writes reports carries their built scripts (harness/report-script.ts).
  if (sources.includes("harness/report-html.ts")) await writeCarriedReportScripts(dir);
  for (const folder of spec.folders ?? []) {
    cpSync(join(REPO, folder), join(dir, folder), { recursive: true });
  }
  // Every step may hand a problem's proto to an agent or a build (protoOf).
  for (const problem of REGISTRY) {
    const proto = join("problems", problem.slug, problem.protoFile);
    cpSync(join(REPO, proto), join(dir, proto));
  }
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { name, dir, dependencies, sources };
}

/** Bare imports left external, as package names ("@google-cloud/pubsub", "zod"). */
function importedPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith("node:") || imp.path.startsWith(".")) continue;
      const parts = imp.path.split("/");
      const pkg = imp.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      if (!isBuiltin(pkg)) names.add(pkg);
    }
  }
  return [...names].sort();
}

function packageVersions(packages: string[]): Record<string, string> {
  const root = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const out: Record<string, string> = {};
  for (const p of packages) {
    const version = root.dependencies[p];
    if (!version)
      throw new Error(`a function imports ${p}, which is not a dependency in package.json`);
    out[p] = version;
  }
  return out;
}

/**
 * Rewrites `new URL("<relative file>", import.meta.url)` in our sources to a copy of the file
 * under the bundle's assets/, so the path still resolves from index.js.
 */
function copyAssets(dir: string): Plugin {
  const pattern = /new URL\(\s*"([^"]+)"\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: "copy-assets",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${join("node_modules", "")}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        const contents = source.replace(pattern, (whole, rel: string) => {
          const file = resolve(dirname(args.path), rel);
          if (!existsSync(file) || !statSync(file).isFile()) return whole;
          const asset = relative(REPO, file).replaceAll("/", "__");
          mkdirSync(join(dir, "assets"), { recursive: true });
          copyFileSync(file, join(dir, "assets", asset));
          return `new URL("./assets/${asset}", import.meta.url)`;
        });
        return { contents, loader: "ts" };
      });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildFunctions(
    DEFAULT_OUT_DIR,
    process.argv.slice(2).length ? process.argv.slice(2) : FUNCTION_BUNDLES,
  );
  for (const b of built) {
    const deps = Object.keys(b.dependencies).join(", ") || "none";
    process.stdout.write(
      `${relative(REPO, b.dir)}: ${b.sources.length} sources; packages: ${deps}\n`,
    );
  }
}
