// Builds a C++ submission: copies it, generates the gRPC stubs' headers beside main.cc
// (replacing any the learner brought), compiles each of the learner's .cc/.cpp/.cxx files
// with Debian's g++ 12 (two at a time, each within the compile bounds), and links them with
// the stubs' object files (compiled once per proto: stub-objects.ts) and grpc++ and protobuf,
// dynamically: the node's sandbox binds /usr. The node runs as `./main` in the output folder.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { copySubmission, openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { diagnosticsMax, type BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  ToolchainError,
  type BuildDiagnostic,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";
import { cpp } from "../language.ts";
import { runBounded } from "./bounded-tool.ts";
import { compileFile, objectDirOf, objectOf, type CompileResult } from "./compile-file.ts";
import {
  cppIncludable,
  generatedHeaders,
  generatedSources,
  gxx,
  linkedPackages,
  pkgConfig,
  programName,
  sourceSuffixes,
} from "../compiler.ts";
import { parseLinkerOutput } from "./diagnostics.ts";
import { cppCompileBounds, cppLinkBounds, cppParallelCompiles } from "./limits.ts";
import { buildStubs } from "./stub-objects.ts";

const entryPoint = cpp.entryFile;
/** Warnings shown in the build log of a build that succeeded. */
const warningsLogged = 10;

export async function buildCpp(
  req: BuildRequest,
  bounds: BuildBounds = cppCompileBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(
    req.srcDir,
    entryPoint,
    `the node is the program linked from ${entryPoint} and your other .cc files`,
  );
  if (!opened.ok) return opened;
  const { log } = opened;
  const protoFile = basename(req.protoPath);
  const generated = [...generatedHeaders(protoFile), ...generatedSources(protoFile)];
  const files = opened.files.filter((f) => {
    if (generated.includes(f)) log.push(`replaced your ${f} with the generated one`);
    else if (f === programName) log.push(`left out your ${f}: the build links its own`);
    else return true;
    return false;
  });
  mkdirSync(req.outDir, { recursive: true });
  copySubmission(req.srcDir, req.outDir, files);
  log.push(`copied ${files.length} files`);

  const cflags = await pkgConfigFlags("--cflags", req.outDir);
  const stubObjects = await buildStubs(req.protoPath, cflags, req.outDir, log);
  const sources = files.filter((f) => sourceSuffixes.includes(extname(f)));
  const objectsDir = mkdtempSync(join(tmpdir(), "clusterjudge-cpp-objects-"));
  try {
    const started = Date.now();
    const compiled = await compileAll(req.outDir, objectsDir, sources, cflags, protoFile, bounds);
    const errors = compiled.flatMap((c) => c.errors);
    const warnings = compiled.flatMap((c) => c.warnings);
    for (const w of warnings.slice(0, warningsLogged))
      log.push(`${w.file}:${w.line}: ${w.message}`);
    if (errors.length > 0) return { ok: false, diagnostics: errors.slice(0, diagnosticsMax), log };
    log.push(`compiled ${sources.length} files in ${Date.now() - started} ms`);
    const objects = new Map(sources.map((s, i) => [objectOf(objectsDir, i, s), s]));
    const all = [...objects.keys(), ...stubObjects];
    const linked = await link(req.outDir, objectsDir, all, (o) => objects.get(o) ?? null);
    if (linked.length > 0) return { ok: false, diagnostics: linked, log };
  } finally {
    rmSync(objectsDir, { recursive: true, force: true });
  }
  log.push(`linked ./${programName} with ${linkedPackages.join(" and ")}`);
  return {
    ok: true,
    command: { argv: [`./${programName}`], cwd: req.outDir },
    outDir: req.outDir,
    log,
  };
}

async function compileAll(
  buildDir: string,
  objectsDir: string,
  sources: string[],
  cflags: string[],
  protoFile: string,
  bounds: BuildBounds,
): Promise<CompileResult[]> {
  // Results by the files' order, whichever compile finishes first.
  const results: CompileResult[] = [];
  // Parallel compiles read the copy as others (each has a uid of its own): it must be readable.
  makeWorldReadable(buildDir);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < sources.length; i = next++) {
      const source = sources[i] ?? "";
      results[i] = await compileFile({
        buildDir,
        source,
        object: objectOf(objectsDir, i, source),
        objectDir: objectDirOf(objectsDir, i),
        cflags,
        generated: generatedHeaders(protoFile),
        includable: cppIncludable(protoFile),
        bounds,
      });
    }
  };
  await Promise.all(Array.from({ length: cppParallelCompiles }, worker));
  return results;
}

async function link(
  buildDir: string,
  objectsDir: string,
  objects: string[],
  sourceOf: (object: string) => string | null,
): Promise<BuildDiagnostic[]> {
  const libs = await pkgConfigFlags("--libs", buildDir);
  const program = join(buildDir, programName);
  const argv = [gxx, "-pthread", "-o", program, ...objects, "-Wl,--as-needed", ...libs];
  const stubObjects = objects.filter((o) => !o.startsWith(objectsDir));
  const result = await runBounded(argv, buildDir, cppLinkBounds, {
    writable: [buildDir, objectsDir],
    readable: stubObjects,
  });
  if (result.code === 0 && !result.timedOut && existsSync(program)) return [];
  return parseLinkerOutput(result.stderr, sourceOf);
}

async function pkgConfigFlags(which: "--cflags" | "--libs", buildDir: string): Promise<string[]> {
  const result = await runBuildTool([pkgConfig, which, ...linkedPackages], buildDir, {
    writable: [buildDir],
  });
  if (result.code !== 0) throw new ToolchainError(pkgConfig, result.stderr.trim());
  return result.stdout.trim().split(/\s+/).filter(Boolean);
}

/** Folders a+rx, files a+r: the copy keeps the learner's modes, which may be private. */
function makeWorldReadable(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, stat.mode | 0o555);
    for (const name of readdirSync(path)) makeWorldReadable(join(path, name));
  } else {
    chmodSync(path, stat.mode | 0o444);
  }
}
