// Builds a Python submission: copies it, generates the gRPC stubs beside main.py (replacing any
// the learner brought), compiles every file and resolves every import with Debian's python3,
// the one that has grpc. The node runs as `/usr/bin/python3 -u main.py` in the output folder.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { copySubmission, openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { checkingPrefix, pythonCheckMessages, pythonCheckScript } from "./check.ts";
import { python } from "../language.ts";
import { diagnosticsMax, type BuildBounds } from "../../../shared/toolchains/limits.ts";
import { pythonCheckBounds } from "./limits.ts";
import {
  ToolchainError,
  diagnostic,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";

/** Debian's interpreter: python3-grpcio and python3-protobuf are installed for it only. */
export const pythonInterpreter = "/usr/bin/python3";
const protoc = "/usr/bin/protoc";
const grpcPythonPlugin = "/usr/bin/grpc_python_plugin";
const entryPoint = python.entryFile;

const checkerOutput = z.array(
  z.object({
    file: z.string(),
    line: z.number().int().nullable(),
    column: z.number().int().nullable(),
    message: z.string(),
  }),
);

export async function buildPython(
  req: BuildRequest,
  bounds: BuildBounds = pythonCheckBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(
    req.srcDir,
    entryPoint,
    `the node starts with \`python3 -u ${entryPoint}\``,
  );
  if (!opened.ok) return opened;
  const { files, log } = opened;
  mkdirSync(req.outDir, { recursive: true });
  copySubmission(req.srcDir, req.outDir, files);
  log.push(`copied ${files.length} files`);

  await generateStubs(req.protoPath, req.outDir, log);
  const diagnostics = await checkSources(req.outDir, bounds);
  if (diagnostics.length > 0) return { ok: false, diagnostics, log };
  log.push(`compiled every .py file and resolved every import with ${pythonInterpreter}`);
  return {
    ok: true,
    command: { argv: [pythonInterpreter, "-u", entryPoint], cwd: req.outDir },
    outDir: req.outDir,
    log,
  };
}

async function generateStubs(protoPath: string, outDir: string, log: string[]): Promise<void> {
  const stem = basename(protoPath, ".proto");
  const stubs = [`${stem}_pb2.py`, `${stem}_pb2_grpc.py`];
  for (const stub of stubs) {
    if (existsSync(join(outDir, stub))) log.push(`replaced your ${stub} with the generated one`);
    rmSync(join(outDir, stub), { force: true });
  }
  const argv = [
    protoc,
    `-I${dirname(protoPath)}`,
    `--python_out=${outDir}`,
    `--grpc_out=${outDir}`,
    `--plugin=protoc-gen-grpc=${grpcPythonPlugin}`,
    protoPath,
  ];
  // The proto alone is readable: its folder (the problem's) holds more than protoc needs.
  const result = await runBuildTool(argv, outDir, { writable: [outDir], readable: [protoPath] });
  if (result.timedOut) throw new ToolchainError("protoc", "did not finish in time");
  if (result.code !== 0) throw new ToolchainError("protoc", result.stderr.trim());
  log.push(`generated ${stubs.join(" and ")} from ${basename(protoPath)}`);
}

/**
 * Runs the checker within its bounds. Stopped by the time bound, or crashed, it was on the
 * learner's file it last named: that file's diagnostic, not a fault of the platform.
 */
async function checkSources(outDir: string, bounds: BuildBounds) {
  const script = pythonCheckScript(bounds.memoryMiB);
  const argv = [pythonInterpreter, "-I", "-c", script, outDir, String(bounds.memoryMiB * 2 ** 20)];
  // The check writes nothing, but the folder is given to its uid (writable) all the same:
  // a readable one must be readable by others, and an output folder may be private.
  const result = await runBuildTool(argv, outDir, {
    timeoutMs: bounds.timeMs,
    memoryMiB: bounds.memoryMiB,
    writable: [outDir],
  });
  if (result.timedOut || result.signal) {
    const message = result.timedOut
      ? pythonCheckMessages.time(bounds.timeMs / 1000)
      : pythonCheckMessages.crash(result.signal ?? "");
    return [diagnostic(fileBeingChecked(result.stderr), message)];
  }
  if (result.code !== 0) throw new ToolchainError(pythonInterpreter, result.stderr.trim());
  let parsed;
  try {
    parsed = checkerOutput.safeParse(JSON.parse(result.stdout));
  } catch (err) {
    throw new ToolchainError(pythonInterpreter, "the checker printed no JSON", { cause: err });
  }
  if (!parsed.success) throw new ToolchainError(pythonInterpreter, "unexpected checker output");
  return parsed.data.slice(0, diagnosticsMax);
}

/** The file named by the checker's last progress line, "." before the first. */
function fileBeingChecked(stderr: string): string {
  const last = stderr
    .split("\n")
    .filter((l) => l.startsWith(checkingPrefix))
    .at(-1);
  try {
    return last ? z.string().parse(JSON.parse(last.slice(checkingPrefix.length))) : ".";
  } catch {
    return ".";
  }
}
