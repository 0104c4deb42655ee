// Builds a TypeScript submission: a worker process (worker.ts) bundles main.ts and
// everything it imports with esbuild into one CommonJS file, then type-checks the sources;
// this side bounds the worker's time and heap and copies the problem's proto beside the
// bundle. The node runs as `node node.cjs` in the output folder and finds the proto at
// path.join(__dirname, "<problem>.proto").
import { copyFileSync, mkdirSync, realpathSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import {
  packageEntry,
  packageFolder,
  packageFolders,
  projectNodeModules,
} from "./node-packages.ts";
import { openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runTool } from "../../../shared/toolchains/run-tool.ts";
import { typeScriptWorkerFile } from "./worker-file.ts";
import { readWorkerResult } from "./worker-result.ts";
import type { WorkerJob } from "./worker.ts";
import { ALLOWED_PACKAGES, typescript } from "../language.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import { typeScriptBuildBounds } from "./limits.ts";
import { type BuildOutput, type BuildRequest } from "../../../shared/toolchains/types.ts";

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
  const argv = [
    process.execPath,
    `--max-old-space-size=${bounds.memoryMiB}`,
    await typeScriptWorkerFile(),
  ];
  const result = await runTool(argv, job.root, {
    timeoutMs: bounds.timeMs,
    input: JSON.stringify(job),
  });
  return readWorkerResult(result, bounds);
}
