// Builds a TypeScript submission: a worker process (worker.ts) bundles main.ts and
// everything it imports with esbuild into one CommonJS file, then type-checks the sources;
// this side bounds the worker's time and heap and copies the problem's proto beside the
// bundle. The node runs as `node node.cjs` in the output folder and finds the proto at
// path.join(__dirname, "<problem>.proto").
import { copyFileSync, existsSync, mkdirSync, realpathSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  packageEntry,
  packageFolder,
  packageFolders,
  projectNodeModules,
} from "./node-packages.ts";
import { openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { typeScriptWorkerFile } from "./worker-file.ts";
import { readWorkerResult } from "./worker-result.ts";
import type { WorkerJob } from "./worker.ts";
import { ALLOWED_PACKAGES, typescript } from "../language.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import { typeScriptBuildBounds, workerOverheadMiB } from "./limits.ts";
import {
  ToolchainError,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";

const entryPoint = typescript.entryFile;
export const bundleName = "node.cjs";

export async function buildTypeScript(
  req: BuildRequest,
  bounds: BuildBounds = typeScriptBuildBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(req.srcDir, entryPoint, `the node is bundled from ${entryPoint}`);
  if (!opened.ok) return opened;
  const { log } = opened;
  mkdirSync(req.outDir, { recursive: true });
  const diagnostics = await runWorker(workerJob(req), bounds);
  if (diagnostics.length > 0) return { ok: false, diagnostics, log };
  log.push(`bundled ${entryPoint} into ${bundleName} with esbuild`, "type-checked (strict)");
  const protoName = basename(req.protoPath);
  rmSync(join(req.outDir, protoName), { force: true }); // the platform's copy may be read-only
  copyFileSync(req.protoPath, join(req.outDir, protoName));
  log.push(`copied ${protoName} beside ${bundleName}`);
  return {
    ok: true,
    command: { argv: [process.execPath, bundleName], cwd: req.outDir },
    outDir: req.outDir,
    log,
  };
}

/** Everything the worker reads of the host, as real paths: it looks nowhere else. */
function workerJob(req: BuildRequest): WorkerJob {
  const packages = [...ALLOWED_PACKAGES];
  return {
    root: realpathSync(req.srcDir),
    entry: entryPoint,
    outfile: join(realpathSync(req.outDir), bundleName),
    packageEntries: Object.fromEntries(packages.map((p) => [p, packageEntry(p)])),
    packageFolders: packageFolders(packages),
    typeRoot: realpathSync(join(projectNodeModules(), "@types")),
    readFolders: packageFolders([...packages, "@types/node"]),
    packageFolderOf: Object.fromEntries(packages.map((p) => [p, packageFolder(p)])),
  };
}

async function runWorker(job: WorkerJob, bounds: BuildBounds) {
  const worker = await typeScriptWorkerFile();
  const argv = [process.execPath, `--max-old-space-size=${bounds.memoryMiB}`, worker];
  const result = await runBuildTool(argv, job.root, {
    timeoutMs: bounds.timeMs,
    memoryMiB: bounds.memoryMiB + workerOverheadMiB,
    input: JSON.stringify(job),
    writable: [dirname(job.outfile)],
    readable: [job.root, worker, workerNodeModules(worker), job.typeRoot, ...job.readFolders],
  });
  return readWorkerResult(result, bounds);
}

/**
 * The node_modules the worker imports esbuild and typescript from, as Node finds it (above
 * the worker: the project's, or the cloud archive's judge/node_modules). Public packages only.
 */
function workerNodeModules(worker: string): string {
  for (let dir = dirname(worker); dirname(dir) !== dir; dir = dirname(dir)) {
    const found = join(dir, "node_modules");
    if (existsSync(join(found, "esbuild", "package.json"))) return found;
  }
  throw new ToolchainError("typescript worker", `no node_modules with esbuild above ${worker}`);
}
