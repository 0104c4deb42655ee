// Builds the CLI to JavaScript once (`npm run setup`, `npm run build:cli`, or
// bin/clusterjudge.js when it finds the last build older than its sources), so a command
// starts without transpiling TypeScript. esbuild bundles cli/main.ts and everything it
// imports, split at each dynamic import (a command loads only its own code), into
// dist/cli/<content hash>/; npm packages stay in node_modules but BUNDLED_PACKAGES.
// dist/cli/current.json names the build and every source file in it with its modification
// time and size: the bin runs the build only while they all still match (bin/built-cli.js).
import { randomBytes, createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { BUILD_ROOT, MANIFEST_FILE } from "../../bin/built-cli.js";

export { BUILD_ROOT, MANIFEST_FILE };

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Older builds kept beside the current one: a command still running (a `serve` of
 * yesterday) loads some chunks only when first needed. Kept: the newest few, and any made
 * within the last day.
 */
const KEEP_BUILDS = 3;
const KEEP_BUILDS_MS = 24 * 3_600_000;

/** Node's version the build targets: the oldest package.json's engines allow. */
const TARGET = "node20";

/**
 * Packages bundled in rather than loaded from node_modules: plain JavaScript that reads no
 * files of its own, loaded by most commands, and spread over many modules (zod: ~100), each
 * of which Node would resolve and read at every start. The rest stay in node_modules.
 */
export const BUNDLED_PACKAGES: readonly string[] = ["commander", "zod"];

export interface CliManifest {
  /** The build's folder under BUILD_ROOT. */
  build: string;
  /** The file to run, relative to BUILD_ROOT. */
  entry: string;
  /** Every repository file the build read, relative to the repository: [mtimeMs, size]. */
  inputs: Record<string, [number, number]>;
}

/** Builds the CLI from `repo`'s sources; returns the path of the file to run. */
export async function buildCli(repo = REPO): Promise<string> {
  const root = join(repo, BUILD_ROOT);
  mkdirSync(root, { recursive: true });
  const inputs: CliManifest["inputs"] = {};
  // This file decides what a build holds: a change to it makes every build stale.
  recordInput(repo, fileURLToPath(import.meta.url), inputs);
  const temp = join(root, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const result = await build({
    absWorkingDir: repo,
    entryPoints: { cli: join(repo, "cli/main.ts") },
    outdir: temp,
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: TARGET,
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
    // Each chunk's own URL, for the source URLs below (banners are not rewritten by define);
    // and require() for the CommonJS packages bundled in, which an ES module has not.
    banner: {
      js: [
        "const __chunkUrl = import.meta.url;",
        'import { createRequire as __createRequire } from "node:module";',
        "const require = __createRequire(import.meta.url);",
      ].join("\n"),
    },
    define: { "import.meta.url": "__sourceUrl" },
    plugins: [externalPackages(), sourceUrls(repo, inputs)],
  });
  // A bundled package changes only by a new install, which rewrites its package.json.
  for (const name of BUNDLED_PACKAGES) {
    recordInput(repo, join(repo, "node_modules", name, "package.json"), inputs);
  }
  // What no plugin loaded (JSON files): stat now.
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(repo, input);
    if (!(relative(repo, file) in inputs) && !input.includes("node_modules/")) {
      recordInput(repo, file, inputs);
    }
  }
  const hash = createHash("sha256");
  for (const f of [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(relative(temp, f.path)).update(f.contents);
  }
  const name = hash.digest("hex").slice(0, 16);
  const dir = join(root, name);
  for (const f of result.outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
  }
  try {
    renameSync(temp, dir);
  } catch {
    // Another process made the same build at the same time: keep theirs.
    rmSync(temp, { recursive: true, force: true });
  }
  const manifest: CliManifest = { build: name, entry: `${name}/cli.js`, inputs };
  // Write then rename: a command starting now reads the old manifest or the new, whole.
  const manifestTemp = join(root, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  writeFileSync(manifestTemp, `${JSON.stringify(manifest)}\n`);
  renameSync(manifestTemp, join(root, MANIFEST_FILE));
  pruneBuilds(root, name);
  return join(root, manifest.entry);
}

function recordInput(repo: string, file: string, inputs: CliManifest["inputs"]): void {
  const { mtimeMs, size } = statSync(file);
  inputs[relative(repo, file).split("\\").join("/")] = [mtimeMs, size];
}

/** Every npm package stays in node_modules but BUNDLED_PACKAGES (and their own modules). */
function externalPackages(): Plugin {
  return {
    name: "external-packages",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:")) return { path: args.path, external: true };
        const parts = args.path.split("/");
        const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
        const inBundled = args.importer.includes(`${join("node_modules", "")}`);
        if (BUNDLED_PACKAGES.includes(name) || inBundled) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Gives each source module its own `import.meta.url` (where the source file is), so what a
 * module finds beside itself (protos, templates, the agent's entry, the repository root)
 * it still finds from the bundle. Every chunk sits in one folder, two below the repository.
 * Records each file's modification time and size before reading it, for the manifest.
 */
function sourceUrls(repo: string, inputs: CliManifest["inputs"]): Plugin {
  return {
    name: "source-urls",
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes(`${join("node_modules", "")}`)) return undefined;
        recordInput(repo, args.path, inputs);
        const source = readFileSync(args.path, "utf8");
        const loader = /\.[cm]?ts$/.test(args.path) ? "ts" : "js";
        if (!source.includes("import.meta.url")) return { contents: source, loader };
        const fromBuild = relative(join(repo, BUILD_ROOT, "build"), args.path)
          .split("\\")
          .join("/");
        const head = `const __sourceUrl = new URL(${JSON.stringify(fromBuild)}, __chunkUrl).href;`;
        return { contents: `${head}${source}`, loader };
      });
    },
  };
}

/** Removes old builds (never the current one) and stale temp folders. */
function pruneBuilds(root: string, current: string): void {
  const entries = readdirSync(root, { withFileTypes: true });
  for (const e of entries) {
    // A build that died half-way leaves its temp folder; one an hour old is no build's now.
    const path = join(root, e.name);
    if (e.name.startsWith(".tmp-") && statSync(path).mtimeMs < Date.now() - 3_600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  const builds = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== current)
    .map((e) => ({ name: e.name, mtimeMs: statSync(join(root, e.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS - 1)) {
    if (old.mtimeMs > Date.now() - KEEP_BUILDS_MS) continue;
    rmSync(join(root, old.name), { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await buildCli();
  process.stdout.write(`built the CLI: ${relative(process.cwd(), entry)}\n`);
}
