// Builds a Rust submission with Debian's cargo and rustc, offline: a workspace of the judge's
// (cargo-project.ts) with the platform's `rpc` crate generated from the proto (prost-build's
// messages, the services of services.ts, the runtime of grpc-runtime.ts) and the submission
// as the `node` crate. The dependencies come compiled from the cache (dependencies.ts), so
// cargo compiles rpc and the submission only. The node runs as `./node` in the output folder,
// which holds the binary alone.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { copySubmission, openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { diagnosticsMax, type BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  ToolchainError,
  diagnostic,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";
import { templateInput } from "../../template-proto.ts";
import { rust } from "../language.ts";
import { writeWorkspace } from "./cargo-project.ts";
import { rustDependencies, runCargo, type RustDependencies } from "./dependencies.ts";
import { rustDiagnostics } from "./diagnostics.ts";
import { grpcRuntime } from "./grpc-runtime.ts";
import { rustBuildBounds } from "./limits.ts";
import { crateRoot, packageModule, rustModule } from "../services.ts";

const entryPoint = rust.entryFile;
/** The submission's crate in the workspace. */
const member = "node";
/** Files of a submission the judge writes itself or never runs: replaced, or ignored. */
const judgesFiles = ["Cargo.toml", "Cargo.lock", "build.rs"];
/** rustc past the memory cgroup (cargo: "signal: 9, SIGKILL"), or refused an allocation. */
const memoryBoundHit = /memory allocation of \d+ bytes failed|signal: 9, SIGKILL/;

export async function buildRust(
  req: BuildRequest,
  bounds: BuildBounds = rustBuildBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(
    req.srcDir,
    entryPoint,
    `the node is the binary built from ${entryPoint}`,
  );
  if (!opened.ok) return opened;
  const { files, log } = opened;
  const deps = await rustDependencies(log);
  const workspace = mkdtempSync(join(tmpdir(), "clusterjudge-rust-"));
  try {
    writeWorkspace(workspace);
    const nodeDir = join(workspace, member);
    const ignored = files.filter((f) => judgesFiles.includes(f));
    copySubmission(
      req.srcDir,
      nodeDir,
      files.filter((f) => !ignored.includes(f)),
    );
    for (const f of ignored) log.push(`ignored your ${f}: the judge writes the project's manifest`);
    writeWorkspace(workspace); // again: the submission's copy must not replace node/Cargo.toml
    log.push(`copied ${files.length - ignored.length} files`);
    await writeRpcCrate(req, join(workspace, "rpc", "src"), deps, log);
    copyFileSync(deps.lockFile, join(workspace, "Cargo.lock"));
    // The compiled dependencies, their times kept: cargo finds them fresh.
    cpSync(deps.targetDir, join(workspace, "target"), {
      recursive: true,
      preserveTimestamps: true,
    });
    const started = Date.now();
    const args = ["build", "--release", "--offline", "--locked", "--message-format=json"];
    const result = await runCargo(args, workspace, workspace, bounds);
    if (result.timedOut) {
      const message = `compiling did not finish within ${bounds.timeMs / 1000} s (the time bound of the Rust build)`;
      return { ok: false, diagnostics: [diagnostic(entryPoint, message)], log };
    }
    const diagnostics = rustDiagnostics(result.stdout, member).slice(0, diagnosticsMax);
    if (diagnostics.length > 0) return { ok: false, diagnostics, log };
    // rustc out of memory (killed by the memory cgroup, or failing to allocate) on the
    // learner's code: their diagnostic.
    if (result.code !== 0 && memoryBoundHit.test(result.stderr + result.stdout)) {
      const message = `compiling needed more than ${bounds.memoryMiB} MiB of memory (the memory bound of the Rust build): shorten or split the largest expressions or constants`;
      return { ok: false, diagnostics: [diagnostic(entryPoint, message)], log };
    }
    if (result.code !== 0) throw new ToolchainError("cargo", result.stderr.trim());
    log.push(`compiled rpc and your crate in ${Math.round((Date.now() - started) / 100) / 10} s`);
    mkdirSync(req.outDir, { recursive: true });
    copyFileSync(join(workspace, "target", "release", "node"), join(req.outDir, "node"));
    return { ok: true, command: { argv: ["./node"], cwd: req.outDir }, outDir: req.outDir, log };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** The platform's crate: the runtime, prost-build's messages and the services. */
async function writeRpcCrate(
  req: BuildRequest,
  srcDir: string,
  deps: RustDependencies,
  log: string[],
): Promise<void> {
  const input = templateInput({
    slug: req.problem,
    title: req.problem,
    protoFile: basename(req.protoPath),
    protoText: readFileSync(req.protoPath, "utf8"),
  });
  mkdirSync(srcDir, { recursive: true });
  const argv = [deps.codegen, basename(req.protoPath), dirname(req.protoPath), srcDir];
  // The platform's compiled generator and the proto, read-only; the rpc crate's folder written.
  const result = await runBuildTool(argv, srcDir, {
    env: { PROTOC: "/usr/bin/protoc" },
    writable: [srcDir],
    readable: [deps.codegen, req.protoPath],
  });
  if (result.timedOut) throw new ToolchainError("prost-build", "did not finish in time");
  if (result.code !== 0) throw new ToolchainError("prost-build", result.stderr.trim());
  const messages = `${input.protoPackage}.rs`;
  if (!existsSync(join(srcDir, messages)))
    throw new ToolchainError("prost-build", `wrote no ${messages}`);
  const module = rustModule(input.protoPackage);
  writeFileSync(join(srcDir, "lib.rs"), crateRoot(input));
  writeFileSync(join(srcDir, "grpc.rs"), grpcRuntime);
  writeFileSync(join(srcDir, `${module}_services.rs`), packageModule(input, messages));
  log.push(`generated the rpc crate (module rpc::${module}) from ${basename(req.protoPath)}`);
}
