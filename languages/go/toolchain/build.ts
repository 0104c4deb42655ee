// Builds a Go submission: copies it into a GOPATH of its own (src/node), generates the stubs
// from the problem's proto as the package "clusterjudge/pb" (replacing nothing of the
// learner's: that path is outside their folder), refuses imports the platform lacks, compiles
// the stubs (grpc and protobuf into the cache), then the learner's code into a static binary
// with Debian's Go, offline. The node runs as that binary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { copySubmission, openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  ToolchainError,
  diagnostic,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";
import { go } from "../language.ts";
import { compilerDiagnostics } from "./compiler-output.ts";
import { goBinary, goCacheDir, goEnv, protoc, protocGenGo, protocGenGoGrpc } from "./go-env.ts";
import { nodeImportPath, stubsImportPath } from "../packages.ts";
import { refusedImports } from "./imports.ts";
import { goBuildBounds, goCompileMessages, stubsBuildBounds } from "./limits.ts";

const entryPoint = go.entryFile;
/** The node's binary, beside the build's src/ folder. */
export const binaryName = "main";

export async function buildGo(
  req: BuildRequest,
  bounds: BuildBounds = goBuildBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(
    req.srcDir,
    entryPoint,
    `the node is built from \`package main\` in ${entryPoint}`,
  );
  if (!opened.ok) return opened;
  const { files, log } = opened;
  const nodeDir = join(req.outDir, "src", nodeImportPath);
  mkdirSync(nodeDir, { recursive: true });
  copySubmission(req.srcDir, nodeDir, files);
  log.push(`copied ${files.length} files into the GOPATH package "${nodeImportPath}"`);

  const refused = files
    .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
    .flatMap((f) => refusedImports(f, readFileSync(join(nodeDir, f), "utf8")));
  if (refused.length > 0) return { ok: false, diagnostics: refused, log };

  await generateStubs(req.protoPath, join(req.outDir, "src", stubsImportPath), log);
  const binary = join(req.outDir, binaryName);
  const goTmp = mkdtempSync(join(tmpdir(), "clusterjudge-go-tmp-"));
  try {
    await compileStubs(req.outDir, goTmp, log);
    const diagnostics = await compile(req.outDir, goTmp, nodeDir, binary, bounds);
    if (diagnostics.length > 0) return { ok: false, diagnostics, log };
  } finally {
    rmSync(goTmp, { recursive: true, force: true });
  }
  log.push(`compiled ${binaryName} with ${goBinary} (GOPATH mode, CGO_ENABLED=0)`);
  return { ok: true, command: { argv: [binary], cwd: req.outDir }, outDir: req.outDir, log };
}

async function generateStubs(protoPath: string, stubsDir: string, log: string[]): Promise<void> {
  mkdirSync(stubsDir, { recursive: true });
  const proto = basename(protoPath);
  // M maps the proto to the stubs' import path; its last element names the package: pb.
  const opts = `paths=source_relative,M${proto}=${stubsImportPath}`;
  const argv = [
    protoc,
    `-I${dirname(protoPath)}`,
    `--plugin=protoc-gen-go=${protocGenGo}`,
    `--plugin=protoc-gen-go-grpc=${protocGenGoGrpc}`,
    `--go_out=${stubsDir}`,
    `--go_opt=${opts},import_path=${stubsImportPath}`,
    `--go-grpc_out=${stubsDir}`,
    `--go-grpc_opt=${opts}`,
    protoPath,
  ];
  // The proto alone is readable: its folder (the problem's) holds more than protoc needs.
  const result = await runBuildTool(argv, stubsDir, {
    writable: [stubsDir],
    readable: [protoPath],
  });
  if (result.timedOut) throw new ToolchainError("protoc", "did not finish in time");
  if (result.code !== 0) throw new ToolchainError("protoc", result.stderr.trim());
  log.push(`generated the package "${stubsImportPath}" from ${proto}`);
}

/**
 * Compiles the stubs, and with them grpc and protobuf into the cache, before the learner's code:
 * on a cold cache that is most of a build's time, the platform's and not bounded by theirs.
 * The shared cache is writable for this step only: it compiles the platform's code (the stubs
 * from the problem's proto, Debian's packages), never a file of the learner's.
 */
async function compileStubs(gopath: string, tmp: string, log: string[]): Promise<void> {
  const turn = cacheWriter.then(() => compileStubsNow(gopath, tmp, log));
  cacheWriter = turn.catch(() => undefined);
  return turn;
}

/**
 * One stub step at a time in this process: the sandbox gives the shared cache to the step's
 * uid for its run and back after, so two at once would take it from each other (go then
 * silently stores nothing). Judges in other processes can still overlap (docs/languages.md).
 */
let cacheWriter: Promise<unknown> = Promise.resolve();

async function compileStubsNow(gopath: string, tmp: string, log: string[]): Promise<void> {
  const argv = [goBinary, "build", "-trimpath", stubsImportPath];
  const result = await runBuildTool(argv, gopath, {
    timeoutMs: stubsBuildBounds.timeMs,
    memoryMiB: stubsBuildBounds.memoryMiB,
    env: goEnv(gopath, tmp),
    writable: [gopath, goCacheDir, tmp],
  });
  if (result.timedOut)
    throw new ToolchainError(goBinary, "compiling the stubs did not finish in time");
  if (result.code !== 0) throw new ToolchainError(goBinary, result.stderr.trim());
  log.push(`compiled "${stubsImportPath}" with grpc and protobuf (cached after the first build)`);
}

/**
 * `go build` within its bounds; what it prints about the learner's code is diagnostics. The
 * shared cache is read-only here (go reads its hits and silently stores nothing), so no build
 * of the learner's can put a poisoned package into another's.
 */
async function compile(
  gopath: string,
  tmp: string,
  nodeDir: string,
  binary: string,
  bounds: BuildBounds,
) {
  const argv = [goBinary, "build", "-trimpath", "-o", binary, "."];
  const result = await runBuildTool(argv, nodeDir, {
    timeoutMs: bounds.timeMs,
    memoryMiB: bounds.memoryMiB,
    env: goEnv(gopath, tmp),
    writable: [gopath, tmp],
    readable: [goCacheDir],
  });
  if (result.timedOut) return [diagnostic(entryPoint, goCompileMessages.time(bounds))];
  // The memory cgroup kills a compiler past the bound: go reports its child "signal: killed".
  if (result.code !== 0 && (result.signal || /signal: killed/.test(result.stderr)))
    return [diagnostic(entryPoint, goCompileMessages.memory(bounds))];
  if (result.code === 0) return [];
  const diagnostics = compilerDiagnostics(result.stderr, nodeDir);
  if (diagnostics.length === 0) throw new ToolchainError(goBinary, result.stderr.trim());
  return diagnostics;
}
